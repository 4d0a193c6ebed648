/** A generic bounded worker pool: N workers, a bounded queue, non-blocking offers and observability. */
module http.pool {
    exports pool;
}

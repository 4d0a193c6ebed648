/** The http-server application: sockets, connections, handlers, command line and logging. */
module http.app {
    requires http.protocol;
    requires http.pool;
    requires http.fs;
    requires java.management;
    requires tools.jackson.databind;
    requires org.slf4j;
}

package protocol.hpack;

/** A name-value pair in the static or dynamic table (RFC 7541 §2.3). */
record Entry(String name, String value) {

    /** The per-entry overhead of RFC 7541 §4.1, an estimate of the bookkeeping a table needs. */
    static final int OVERHEAD = 32;

    /** Its size: name and value octets plus 32 (RFC 7541 §4.1). */
    long size() {
        return (long) name.length() + value.length() + OVERHEAD;
    }
}

package protocol.proxy;

/** Why bytes are not a valid PROXY protocol header. */
public enum ProxyRejection {
    /** Neither {@code PROXY } nor the version 2 signature opens the bytes. */
    NOT_PROXY,
    /** A version 1 line without its CRLF within {@link ProxyHeaderParser#MAX_V1_LENGTH} bytes. */
    V1_TOO_LONG,
    /** A version 1 line with a byte outside printable US-ASCII, or a CR or LF alone. */
    V1_BAD_BYTE,
    /** A version 1 line whose protocol is not {@code TCP4}, {@code TCP6} or {@code UNKNOWN}. */
    V1_PROTOCOL,
    /** A version 1 line that is not exactly five fields after {@code PROXY}, one space apart. */
    V1_FIELDS,
    /** A version 1 address not in the canonical form of the line's family. */
    V1_ADDRESS,
    /** A version 1 port that is not 0..65535 in decimal without leading zeros. */
    V1_PORT,
    /** A version 2 header whose version nibble is not 2. */
    V2_VERSION,
    /** A version 2 command other than {@code LOCAL} and {@code PROXY}. */
    V2_COMMAND,
    /** A version 2 family and protocol byte the protocol does not define. */
    V2_FAMILY,
    /** A version 2 datagram family: this server carries streams only. */
    V2_DATAGRAM,
    /** A version 2 length over {@link ProxyHeaderParser#MAX_V2_LENGTH}. */
    V2_TOO_LONG,
    /** A version 2 length too short for the addresses of its family. */
    V2_ADDRESS_LENGTH,
    /** A version 2 TLV that does not fit in the header's length, or a checksum TLV of the wrong size. */
    V2_TLV,
    /** A version 2 CRC32C TLV that does not match the header. */
    V2_CHECKSUM
}

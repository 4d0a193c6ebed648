package app.tls;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The little DER (ITU-T X.690) this package needs: reading tag-length-value elements out of a
 * private key structure and writing the PKCS#8 envelope around PKCS#1 and SEC1 keys.
 */
final class Der {

    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    /** The {@code [0]} explicit context tag (constructed), as in SEC1's {@code parameters}. */
    static final int CONTEXT_0 = 0xa0;

    private Der() {}

    /** One element: its tag, the whole encoding and where its value lies inside that encoding. */
    static final class Element {
        private final int tag;
        private final byte[] encoding;
        private final int valueOffset;

        Element(int tag, byte[] encoding, int valueOffset) {
            this.tag = tag;
            this.encoding = encoding;
            this.valueOffset = valueOffset;
        }

        int tag() {
            return tag;
        }

        /** Tag, length and value, as they appeared. */
        byte[] encoding() {
            return encoding.clone();
        }

        byte[] value() {
            return Arrays.copyOfRange(encoding, valueOffset, encoding.length);
        }

        Reader contents() {
            return new Reader(value());
        }
    }

    /** A cursor over consecutive elements; any malformed length or truncation is an {@link IllegalArgumentException}. */
    static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        boolean hasNext() {
            return position < bytes.length;
        }

        int peekTag() {
            require(hasNext());
            return bytes[position] & 0xff;
        }

        Element next() {
            int start = position;
            int tag = read();
            if ((tag & 0x1f) == 0x1f) {
                throw new IllegalArgumentException("multi-byte DER tags are not expected here");
            }
            int first = read();
            long length;
            if (first < 0x80) {
                length = first;
            } else {
                // Long form (X.690 §8.1.3.5); 0x80 would be the indefinite form, which DER forbids.
                int count = first & 0x7f;
                require(count >= 1 && count <= 4);
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | read();
                }
            }
            require(length <= bytes.length - position);
            int valueOffset = position - start;
            position += (int) length;
            return new Element(tag, Arrays.copyOfRange(bytes, start, position), valueOffset);
        }

        Element next(int expectedTag) {
            require(hasNext() && peekTag() == expectedTag);
            return next();
        }

        private int read() {
            require(hasNext());
            return bytes[position++] & 0xff;
        }

        private static void require(boolean condition) {
            if (!condition) {
                throw new IllegalArgumentException("malformed DER");
            }
        }
    }

    static byte[] sequence(byte[]... parts) {
        return element(SEQUENCE, concat(parts));
    }

    static byte[] octetString(byte[] value) {
        return element(OCTET_STRING, value);
    }

    static byte[] integer(int smallValue) {
        if (smallValue < 0 || smallValue > 127) {
            throw new IllegalArgumentException("only small non-negative integers");
        }
        return new byte[] {INTEGER, 1, (byte) smallValue};
    }

    static byte[] nullValue() {
        return new byte[] {NULL, 0};
    }

    static byte[] element(int tag, byte[] value) {
        var out = new ByteArrayOutputStream(value.length + 6);
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int count = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | count);
            for (int i = count - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    /** The dotted form of an OBJECT IDENTIFIER's value (X.690 §8.19), for messages and look-ups. */
    static String oidText(byte[] value) {
        if (value.length == 0) {
            throw new IllegalArgumentException("malformed DER");
        }
        var text = new StringBuilder();
        long arc = 0;
        boolean first = true;
        for (byte b : value) {
            if (arc > (Long.MAX_VALUE >>> 7)) {
                throw new IllegalArgumentException("malformed DER");
            }
            arc = (arc << 7) | (b & 0x7f);
            if ((b & 0x80) == 0) {
                if (first) {
                    int top = (int) Math.min(arc / 40, 2);
                    text.append(top).append('.').append(arc - 40L * top);
                    first = false;
                } else {
                    text.append('.').append(arc);
                }
                arc = 0;
            }
        }
        if ((value[value.length - 1] & 0x80) != 0) {
            throw new IllegalArgumentException("malformed DER");
        }
        return text.toString();
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}

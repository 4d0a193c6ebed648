package protocol;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import protocol.syntax.ByteClass;
import protocol.syntax.Decimal;
import protocol.syntax.FieldLists;

/** Parses the Range field (RFC 9110 §14.2) and frames {@code multipart/byteranges} parts (RFC 9110 §14.6). */
public final class ByteRanges {

    /** The most ranges honoured in one request; more and the field is ignored (RFC 9110 §14.2 allows it). */
    public static final int MAX_RANGES = 16;

    /** A byte position (RFC 9110 §14.1.1); past 18 digits it is beyond any representation, so Long.MAX_VALUE. */
    private static final Decimal POSITION = Decimal.upTo(18).saturating();
    private static final int MAX_BOUNDARY = 70;

    private ByteRanges() {}

    /**
     * Evaluates a Range value against a representation of {@code representationLength} bytes.
     *
     * @throws IllegalArgumentException if {@code representationLength} is negative
     */
    public static RangeResult parse(String rangeHeaderValue, long representationLength) {
        if (representationLength < 0) {
            throw new IllegalArgumentException("negative length");
        }
        String s = rangeHeaderValue;
        // RFC 9110 §14.1: range units are case-insensitive; an unknown unit means the field is ignored (§14.2).
        if (!s.regionMatches(true, 0, "bytes=", 0, 6)) {
            return new RangeResult.Ignored();
        }
        List<ByteRange> ranges = new ArrayList<>();
        int specs = 0;
        for (String spec : FieldLists.elements(s.substring(6))) {
            if (++specs > MAX_RANGES) {
                return new RangeResult.Ignored();
            }
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return new RangeResult.Ignored();
            }
            int to = spec.length();
            long first = POSITION.parse(spec, 0, dash);
            long last = POSITION.parse(spec, dash + 1, to);
            if (dash == 0) {
                // suffix-range: the last N bytes; satisfiable only when N > 0 and the representation is not empty.
                if (last < 0) {
                    return new RangeResult.Ignored();
                }
                if (last > 0 && representationLength > 0) {
                    ranges.add(new ByteRange(Math.max(0, representationLength - last), representationLength - 1));
                }
            } else {
                boolean open = dash + 1 == to;
                // RFC 9110 §14.1.1: an int-range whose last is below its first makes the whole set invalid.
                if (first < 0 || (!open && (last < 0 || last < first))) {
                    return new RangeResult.Ignored();
                }
                if (first < representationLength) {
                    long end2 = open ? representationLength - 1 : Math.min(last, representationLength - 1);
                    ranges.add(new ByteRange(first, end2));
                }
            }
        }
        if (specs == 0) {
            return new RangeResult.Ignored();
        }
        if (ranges.isEmpty()) {
            return new RangeResult.Unsatisfiable();
        }
        return new RangeResult.Satisfiable(merge(ranges));
    }

    /** Sorts and coalesces overlapping or adjacent ranges (RFC 9110 §14.2 lets the server coalesce). */
    private static List<ByteRange> merge(List<ByteRange> ranges) {
        ranges.sort(Comparator.comparingLong(ByteRange::first));
        List<ByteRange> merged = new ArrayList<>(ranges.size());
        ByteRange current = ranges.get(0);
        for (int k = 1; k < ranges.size(); k++) {
            ByteRange r = ranges.get(k);
            if (r.first() <= current.last() + 1) {
                current = new ByteRange(current.first(), Math.max(current.last(), r.last()));
            } else {
                merged.add(current);
                current = r;
            }
        }
        merged.add(current);
        return merged;
    }

    /**
     * The bytes before one part of a {@code multipart/byteranges} body: CRLF, the delimiter line, the part's
     * Content-Type and Content-Range, and the empty line. The body is these parts, each followed by its range's
     * bytes, then {@link #multipartEnd}.
     *
     * @throws IllegalArgumentException if the boundary is not 1..70 token characters or the type holds controls
     */
    public static byte[] partHead(String boundary, String contentType, ByteRange range, long completeLength) {
        checkBoundary(boundary);
        for (int i = 0; i < contentType.length(); i++) {
            if (!ByteClass.isChar(contentType.charAt(i), ByteClass.FIELD_CONTENT)) {
                throw new IllegalArgumentException("invalid content type");
            }
        }
        return ("\r\n--" + boundary + "\r\nContent-Type: " + contentType + "\r\nContent-Range: "
                + range.contentRange(completeLength) + "\r\n\r\n").getBytes(ISO_8859_1);
    }

    /** The close-delimiter that ends a {@code multipart/byteranges} body. */
    public static byte[] multipartEnd(String boundary) {
        checkBoundary(boundary);
        return ("\r\n--" + boundary + "--\r\n").getBytes(ISO_8859_1);
    }

    private static void checkBoundary(String boundary) {
        // RFC 2046 §5.1.1 allows more characters; tokens are a safe subset that needs no quoting in Content-Type.
        if (boundary.length() > MAX_BOUNDARY || !ByteClass.isToken(boundary)) {
            throw new IllegalArgumentException("invalid multipart boundary");
        }
    }
}

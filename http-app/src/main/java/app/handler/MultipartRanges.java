package app.handler;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import protocol.Body;
import protocol.ByteRange;
import protocol.ByteRanges;

/**
 * The body of a {@code multipart/byteranges} response (RFC 9110 §14.6): for each range a part
 * head and the file region, then the closing delimiter.
 */
record MultipartRanges(String boundary, List<ResponseBody.Piece> pieces) {

    private static final SecureRandom RANDOM = new SecureRandom();

    MultipartRanges {
        pieces = List.copyOf(pieces);
    }

    /** The parts for {@code ranges} of a file of {@code length} bytes whose type is {@code type}. */
    static MultipartRanges of(String type, List<ByteRange> ranges, long length) {
        // A random boundary: file content cannot be made to contain it on purpose.
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        String boundary = "http-server-" + HexFormat.of().formatHex(random);
        var pieces = new ArrayList<ResponseBody.Piece>(ranges.size() * 2 + 1);
        for (ByteRange range : ranges) {
            pieces.add(literal(ByteRanges.partHead(boundary, type, range, length)));
            pieces.add(new ResponseBody.Region(range.first(), range.length()));
        }
        pieces.add(literal(ByteRanges.multipartEnd(boundary)));
        return new MultipartRanges(boundary, pieces);
    }

    /** The whole body, with each region's bytes taken from {@code content}: for a body held in memory. */
    ByteBuffer assemble(ByteBuffer content) {
        long total = 0;
        for (ResponseBody.Piece piece : pieces) {
            total += piece.length();
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(total));
        for (ResponseBody.Piece piece : pieces) {
            switch (piece) {
                case ResponseBody.Literal literal -> out.put(literal.bytes().asReadOnlyBuffer());
                case ResponseBody.Region region ->
                        out.put(content.slice(Math.toIntExact(region.position()), Math.toIntExact(region.count())));
            }
        }
        return out.flip().asReadOnlyBuffer();
    }

    /** The response's Content-Type. */
    String contentType() {
        return "multipart/byteranges; boundary=" + boundary;
    }

    private static ResponseBody.Literal literal(byte[] bytes) {
        return new ResponseBody.Literal(Body.of(bytes));
    }
}

package protocol.http2;

/** What one call of {@link FrameDecoder#decode} produced: a whole {@link Frame}, or the need for more bytes. */
public sealed interface FrameResult permits Frame, FrameResult.NeedMore {

    /** The shared "need more" value. */
    NeedMore NEED_MORE = new NeedMore();

    /** Every byte offered was consumed and no frame is complete yet. */
    record NeedMore() implements FrameResult {}
}

package protocol.http2;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/** Valid frames built from fuzzer input: every type, every flag, every field across its range. */
final class FrameGenerator {

    private static final int MAX_BYTES = 40_000;

    private FrameGenerator() {}

    static Frame frame(FuzzedDataProvider d) {
        return switch (d.consumeInt(0, 10)) {
            case 0 -> new Frame.Data(stream(d), octets(d), d.consumeBoolean(), padding(d));
            case 1 -> headers(d);
            case 2 -> priority(d);
            case 3 -> new Frame.RstStream(stream(d), errorCode(d));
            case 4 -> d.consumeBoolean() ? Frame.Settings.ACK : new Frame.Settings(settings(d));
            case 5 -> new Frame.PushPromise(stream(d), stream(d), octets(d), d.consumeBoolean(), padding(d));
            case 6 -> new Frame.Ping(d.consumeBoolean(), d.consumeLong());
            case 7 -> new Frame.GoAway(d.consumeInt(0, Integer.MAX_VALUE), errorCode(d), octets(d));
            case 8 -> new Frame.WindowUpdate(d.consumeInt(0, Integer.MAX_VALUE), d.consumeInt(1, Integer.MAX_VALUE));
            case 9 -> new Frame.Continuation(stream(d), octets(d), d.consumeBoolean());
            default -> new Frame.Unknown(d.consumeInt(0x0a, 0xFF), d.consumeInt(0, 0xFF),
                    d.consumeInt(0, Integer.MAX_VALUE), d.consumeInt(0, MAX_BYTES));
        };
    }

    private static Frame.Headers headers(FuzzedDataProvider d) {
        int stream = stream(d);
        Optional<Dependency> dependency = d.consumeBoolean() ? Optional.of(dependency(d, stream)) : Optional.empty();
        return new Frame.Headers(stream, dependency, octets(d), d.consumeBoolean(), d.consumeBoolean(), padding(d));
    }

    private static Frame.Priority priority(FuzzedDataProvider d) {
        int stream = stream(d);
        return new Frame.Priority(stream, dependency(d, stream));
    }

    /** A dependency on any stream but {@code notOn}, which would be refused (§5.3.1). */
    private static Dependency dependency(FuzzedDataProvider d, int notOn) {
        int on = d.consumeInt(0, Integer.MAX_VALUE);
        return new Dependency(on == notOn ? 0 : on, d.consumeBoolean(), d.consumeInt(1, 256));
    }

    private static int stream(FuzzedDataProvider d) {
        return d.consumeInt(1, Integer.MAX_VALUE);
    }

    private static int padding(FuzzedDataProvider d) {
        return d.consumeBoolean() ? 0 : d.consumeInt(1, 256);
    }

    private static Octets octets(FuzzedDataProvider d) {
        return Octets.of(d.consumeBytes(d.consumeInt(0, MAX_BYTES)));
    }

    private static ErrorCode errorCode(FuzzedDataProvider d) {
        return ErrorCode.of(d.consumeBoolean() ? d.consumeInt(0, 0xd) : Integer.toUnsignedLong(d.consumeInt()));
    }

    /** Settings whose values the decoder accepts; unknown identifiers included. */
    private static List<Setting> settings(FuzzedDataProvider d) {
        int n = d.consumeInt(0, 8);
        List<Setting> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = d.consumeInt(0, 0xFFFF);
            long value = switch (id) {
                case Setting.ENABLE_PUSH -> d.consumeInt(0, 1);
                case Setting.INITIAL_WINDOW_SIZE -> d.consumeInt(0, Integer.MAX_VALUE);
                case Setting.MAX_FRAME_SIZE -> d.consumeInt(16_384, 16_777_215);
                default -> Integer.toUnsignedLong(d.consumeInt());
            };
            out.add(new Setting(id, value));
        }
        return out;
    }
}

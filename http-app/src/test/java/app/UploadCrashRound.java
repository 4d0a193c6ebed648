package app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One round of uploads cut short by SIGKILL: concurrent uploaders post distinct JSON bodies until
 * the server dies; every body sent is remembered, and every one answered 201 with the name the
 * server gave it. How a body travels is the round's {@link Wire}.
 */
final class UploadCrashRound {

    /** How uploader number {@code uploader} posts one body; throws once the server is gone. */
    interface Wire {
        Answer upload(int uploader, byte[] json) throws IOException;
    }

    /** The status of an upload and its {@code Location}, when it has one. */
    record Answer(int status, String location) {}

    /** Each upload on a connection of its own, over HTTP/1.1. */
    static Wire http1(ImageServer server) {
        return (uploader, json) -> {
            RawClient.Reply reply = FreshClient.upload(server, json);
            return new Answer(reply.status(), reply.header("Location"));
        };
    }

    private static final int LARGE_BODY = 100 * 1024;

    private final ImageServer server;
    private final Wire wire;
    private final int round;
    private final Set<String> sent;
    private final Map<String, String> acknowledged;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param sent         every body sent so far, of any round (added to)
     * @param acknowledged stored name to body, for every 201 so far (added to)
     */
    UploadCrashRound(ImageServer server, Wire wire, int round, Set<String> sent, Map<String, String> acknowledged) {
        this.server = server;
        this.wire = wire;
        this.round = round;
        this.sent = sent;
        this.acknowledged = acknowledged;
    }

    /** Runs {@code uploaders} until SIGKILL after {@code killAfter}; returns the 201s of this round. */
    int run(int uploaders, Duration killAfter, long seed) throws InterruptedException {
        var threads = new ArrayList<Thread>();
        var acknowledgedHere = new int[uploaders];
        for (int u = 0; u < uploaders; u++) {
            int uploader = u;
            var random = new Random(seed + u);
            threads.add(Thread.ofVirtual().start(() -> acknowledgedHere[uploader] = upload(uploader, random)));
        }
        ImageServer.sleep(killAfter);
        server.kill();
        stop.set(true);
        for (Thread thread : threads) {
            if (!thread.join(Duration.ofSeconds(20))) {
                throw new IllegalStateException("an uploader did not notice the crash");
            }
        }
        int total = 0;
        for (int count : acknowledgedHere) {
            total += count;
        }
        return total;
    }

    /** Answers other than 201 while the server was up. */
    List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    private int upload(int uploader, Random random) {
        int count = 0;
        for (int seq = 0; !stop.get() && seq < 100_000; seq++) {
            String body = body(uploader, seq, random);
            sent.add(body);
            Answer answer;
            try {
                answer = wire.upload(uploader, body.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                return count; // the server is gone
            } catch (IllegalStateException e) {
                unexpected.add(e.getMessage());
                return count;
            }
            if (answer.status() != 201) {
                unexpected.add("upload answered " + answer.status());
                return count;
            }
            String location = answer.location();
            acknowledged.put(location.substring(location.lastIndexOf('/') + 1), body);
            count++;
        }
        return count;
    }

    private String body(int uploader, int seq, Random random) {
        int padding = random.nextInt(10) < 3 ? LARGE_BODY + random.nextInt(1024) : random.nextInt(2048);
        var pad = new StringBuilder(padding);
        for (int i = 0; i < padding; i++) {
            pad.append((char) ('a' + random.nextInt(26)));
        }
        return "{\"round\":" + round + ",\"uploader\":" + uploader + ",\"seq\":" + seq + ",\"pad\":\"" + pad + "\"}";
    }

    /**
     * What is wrong with the upload folder's visible files ({@code onDisk}, name to bytes): an
     * acknowledged upload missing or different, or a file that is not exactly a body that was sent.
     */
    static List<String> problems(Map<String, byte[]> onDisk, Map<String, String> acknowledged, Set<String> sent) {
        var problems = new ArrayList<String>();
        acknowledged.forEach((name, body) -> {
            byte[] stored = onDisk.get(name);
            if (stored == null) {
                problems.add("acknowledged upload " + name + " is missing");
            } else if (!body.equals(new String(stored, StandardCharsets.UTF_8))) {
                problems.add("acknowledged upload " + name + " differs (" + stored.length + " bytes on disk)");
            }
        });
        onDisk.forEach((name, stored) -> {
            if (!sent.contains(new String(stored, StandardCharsets.UTF_8))) {
                problems.add("visible upload " + name + " (" + stored.length + " bytes) is not a body that was sent");
            }
        });
        return problems;
    }
}

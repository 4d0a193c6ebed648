package app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** One request on a new connection that asks to be closed afterwards. */
final class FreshClient {

    private FreshClient() {}

    /** The status of {@code GET path}. */
    static int get(ImageServer server, String path) throws IOException {
        return request(server, "GET " + path + " HTTP/1.1\r\nHost: " + server.host() + "\r\nConnection: close\r\n\r\n")
                .status();
    }

    /** The status of {@code GET path} over HTTPS (a full handshake, HTTP/1.1). */
    static int getTls(ImageServer server, String path) throws IOException {
        try (var client = server.tlsClient("http/1.1")) {
            return client.send("GET " + path + " HTTP/1.1\r\nHost: " + server.secureHost() + "\r\nConnection: close\r\n\r\n")
                    .read().status();
        }
    }

    /** The status of {@code GET path} on a new HTTP/2 connection: over TLS (ALPN h2) or cleartext (prior knowledge). */
    static int getH2(ImageServer server, boolean tls, String path) throws IOException {
        try (var client = (tls ? H2Client.tls(server.securePort()) : H2Client.cleartext(server.port())).start()) {
            return client.response(client.get(path, tls ? server.secureHost() : server.host())).status();
        }
    }

    /** The reply to {@code POST /upload} of {@code json}. */
    static RawClient.Reply upload(ImageServer server, byte[] json) throws IOException {
        String head = "POST /upload HTTP/1.1\r\nHost: " + server.host() + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + json.length + "\r\nConnection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + json.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(json, 0, request, headBytes.length, json.length);
        try (var client = server.client()) {
            return client.send(request).read();
        }
    }

    /**
     * Brings the server to its steady state before a baseline is taken: the JDK creates some
     * descriptors (one epoll set per I/O poller) and carrier threads lazily, at the first burst
     * of concurrent connections, and keeps them.
     */
    static void warmUp(ImageServer server) throws Exception {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var replies = new ArrayList<Future<Integer>>();
            for (int i = 0; i < 64; i++) {
                replies.add(executor.submit(() -> get(server, "/index.html")));
            }
            for (Future<Integer> reply : replies) {
                if (reply.get(30, TimeUnit.SECONDS) != 200) {
                    throw new IllegalStateException("warm-up request failed");
                }
            }
        }
        ImageServer.sleep(Duration.ofMillis(500));
    }

    /** The reply to the exact {@code request} text. */
    static RawClient.Reply request(ImageServer server, String request) throws IOException {
        try (var client = server.client()) {
            return client.send(request).read();
        }
    }
}

package app;

import app.tls.TestCertificates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Uploads as streams of a few HTTP/2 connections: Java's HttpClient over TLS (ALPN h2), one client
 * (one connection) per group of uploaders, so several uploads are in flight on each connection at
 * once. An answer that did not come over HTTP/2 is an error, not an upload.
 */
final class Http2Uploads implements UploadCrashRound.Wire, AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient[] clients;
    private final URI target;

    /**
     * {@code connections} clients of {@code server}'s HTTPS listener, each connected (its handshake
     * done and a first request answered over HTTP/2) before this returns, so that a round's time
     * goes to uploads.
     */
    Http2Uploads(ImageServer server, int connections) throws IOException {
        this.clients = new HttpClient[connections];
        for (int i = 0; i < connections; i++) {
            clients[i] = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_2)
                    .sslContext(TestCertificates.clientContext())
                    .connectTimeout(TIMEOUT)
                    .build();
        }
        this.target = URI.create("https://" + server.secureHost() + "/upload");
        var page = HttpRequest.newBuilder(target.resolve("/index.html")).timeout(TIMEOUT).build();
        for (HttpClient client : clients) {
            HttpResponse<Void> response = send(client, page);
            if (response.statusCode() != 200 || response.version() != HttpClient.Version.HTTP_2) {
                throw new IOException("the first request was answered " + response.statusCode() + " over " + response.version());
            }
        }
    }

    @Override
    public UploadCrashRound.Answer upload(int uploader, byte[] json) throws IOException {
        var request = HttpRequest.newBuilder(target)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build();
        HttpResponse<Void> response = send(clients[uploader % clients.length], request);
        if (response.version() != HttpClient.Version.HTTP_2) {
            throw new IllegalStateException("the upload was answered over " + response.version());
        }
        return new UploadCrashRound.Answer(response.statusCode(), response.headers().firstValue("Location").orElse(""));
    }

    private static HttpResponse<Void> send(HttpClient client, HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        for (HttpClient client : clients) {
            client.shutdownNow();
        }
    }
}

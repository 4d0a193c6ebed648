package app.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tls.TestCertificates.Algorithm;
import app.tls.TestCertificates.Server;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CertificateWatcherTest {

    static {
        TlsPolicy.rejectRenegotiation();
    }

    private static final KeyLoader LOADER = new KeyLoader(Map.of());

    private final Recorder recorder = new Recorder();
    private Server first;
    private Path chain;
    private Path key;
    private KeySource.PemFiles source;
    private ReloadingKeyManager keyManager;
    private CertificateWatcher watcher;
    private HandshakeServer server;
    /** Each write moves the file's time forward, so a change never hides in a coarse clock. */
    private Instant clock = Instant.now();

    /** Records what the watcher reports instead of logging it. */
    static final class Recorder implements CertificateWatcher.Listener {
        final List<KeyMaterial> reloads = new CopyOnWriteArrayList<>();
        final List<String> failures = new CopyOnWriteArrayList<>();
        final CountDownLatch reloaded = new CountDownLatch(1);

        @Override
        public void reloaded(KeyMaterial material) {
            reloads.add(material);
            reloaded.countDown();
        }

        @Override
        public void failed(String message) {
            failures.add(message);
        }
    }

    @BeforeEach
    void start() throws Exception {
        first = TestCertificates.server(Algorithm.EC_P256);
        Path dir = TestCertificates.directory("watched");
        chain = dir.resolve("fullchain.pem");
        key = dir.resolve("privkey.pem");
        writeChain(first);
        writeKey(first);
        source = new KeySource.PemFiles(chain, key);
        keyManager = new ReloadingKeyManager(LOADER.load(source));
        watcher = new CertificateWatcher(source, LOADER, keyManager, recorder);
        server = new HandshakeServer(new TlsPolicy(keyManager, TlsPolicy.HTTP_1_1));
    }

    @AfterEach
    void stop() throws IOException {
        watcher.close();
        server.close();
    }

    @Test
    void aNewPairIsServedToNewHandshakesWhileOpenConnectionsGoOn() throws Exception {
        try (SSLSocket before = handshake()) {
            assertEquals(first.leaf().getSerialNumber(), serial(before));
            Server second = TestCertificates.fresh(Algorithm.EC_P256);
            writeChain(second);
            writeKey(second);
            watcher.poll(); // sees the change; waits for the files to stay put
            assertEquals(first.leaf().getSerialNumber(), serialOfANewConnection());
            watcher.poll();
            assertEquals(second.leaf().getSerialNumber(), serialOfANewConnection());
            HandshakeServer.echo(before);
            assertEquals(List.of(second.chain()), recorder.reloads.stream().map(KeyMaterial::chain).toList());
            assertEquals(List.of(), recorder.failures);
        }
    }

    @Test
    void aBrokenReplacementIsReportedOnceAndTheOldPairStays() throws Exception {
        TestCertificates.write(key, "-----BEGIN PRIVATE KEY-----\nnot a key\n");
        bump(key);
        watcher.poll();
        watcher.poll();
        watcher.poll();
        watcher.poll();
        assertEquals(1, recorder.failures.size(), recorder.failures.toString());
        assertTrue(recorder.failures.getFirst().contains(key.toString()), recorder.failures.getFirst());
        assertEquals(first.leaf().getSerialNumber(), serialOfANewConnection());

        Server other = TestCertificates.fresh(Algorithm.EC_P256);
        writeChain(other);
        writeKey(first); // a pair that does not belong together: another state, another report
        watcher.poll();
        watcher.poll();
        watcher.poll();
        assertEquals(2, recorder.failures.size(), recorder.failures.toString());
        assertTrue(recorder.failures.get(1).contains("does not match"), recorder.failures.get(1));
        assertEquals(first.leaf().getSerialNumber(), serialOfANewConnection());

        writeKey(other); // mended
        watcher.poll();
        watcher.poll();
        assertEquals(other.leaf().getSerialNumber(), serialOfANewConnection());
        assertEquals(2, recorder.failures.size());
        assertEquals(1, recorder.reloads.size());
    }

    @Test
    void filesWrittenOneAfterTheOtherAreLoadedOnceBothAreStill() throws Exception {
        Server second = TestCertificates.fresh(Algorithm.EC_P256);
        writeChain(second); // certbot renews the chain first...
        watcher.poll();
        writeKey(second); // ...and the key a moment later
        watcher.poll();
        assertEquals(first.leaf().getSerialNumber(), serialOfANewConnection());
        watcher.poll();
        assertEquals(second.leaf().getSerialNumber(), serialOfANewConnection());
        assertEquals(List.of(), recorder.failures);
    }

    @Test
    void aMissingFileIsAStateLikeAnyOther() throws Exception {
        Files.delete(key);
        watcher.poll();
        watcher.poll();
        assertEquals(1, recorder.failures.size());
        assertTrue(recorder.failures.getFirst().contains("does not exist"), recorder.failures.getFirst());
        writeKey(first);
        watcher.poll();
        watcher.poll();
        assertEquals(first.leaf().getSerialNumber(), serialOfANewConnection());
    }

    @Test
    void theWatcherThreadPollsOnItsOwn() throws Exception {
        watcher.start(Duration.ofMillis(20));
        Server second = TestCertificates.fresh(Algorithm.EC_P256);
        writeChain(second);
        writeKey(second);
        assertTrue(recorder.reloaded.await(30, TimeUnit.SECONDS), "reloaded");
        assertEquals(second.leaf().getSerialNumber(), serialOfANewConnection());
    }

    @Test
    void thePreviousGenerationStaysResolvableForAHandshakeInProgress() {
        var manager = new ReloadingKeyManager(keyManager.current());
        String alias = manager.chooseServerAlias("EC", null, null);
        Server second = TestCertificates.server(Algorithm.EC_P384);
        assertEquals("gen-2", manager.swap(new KeyMaterial(second.key(), second.chain())));
        // The handshake that chose gen-1 before the swap still gets gen-1's chain and key.
        assertEquals(first.leaf(), manager.getCertificateChain(alias)[0]);
        assertEquals(first.key(), manager.getPrivateKey(alias));
        assertEquals("gen-2", manager.chooseServerAlias("EC", null, null));
        assertEquals(second.leaf(), manager.getCertificateChain("gen-2")[0]);
        manager.swap(new KeyMaterial(first.key(), first.chain()));
        assertNull(manager.getPrivateKey("gen-1"));
        assertNotNull(manager.getPrivateKey("gen-2"));
    }

    private SSLSocket handshake() throws IOException {
        SSLSocket socket = server.connect(p -> {});
        socket.startHandshake();
        return socket;
    }

    private BigInteger serialOfANewConnection() throws IOException {
        try (SSLSocket socket = handshake()) {
            HandshakeServer.echo(socket);
            return serial(socket);
        }
    }

    private static BigInteger serial(SSLSocket socket) throws IOException {
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    }

    private void writeChain(Server server) throws IOException {
        bump(TestCertificates.writeChain(server, chain));
    }

    private void writeKey(Server server) throws IOException {
        bump(TestCertificates.writePkcs8(server, key));
    }

    private void bump(Path file) throws IOException {
        clock = clock.plusSeconds(1);
        Files.setLastModifiedTime(file, FileTime.from(clock));
    }
}

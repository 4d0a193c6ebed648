package app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.handler.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import pool.WorkerPool;
import protocol.Body;
import protocol.Headers;
import protocol.Method;
import protocol.Request;
import protocol.RequestHead;
import protocol.Status;
import protocol.TargetForm;
import protocol.Version;

/**
 * The admin listener's own pool: {@link HttpServer#ADMIN_WORKERS} admin requests run at once and
 * {@link HttpServer#ADMIN_QUEUE} wait; one more is refused, which the listener answers with 503.
 */
class AdminPoolTest {

    @Test
    @Timeout(30)
    void workersPlusQueueAreTakenAndOneMoreIsRefused() throws Exception {
        var release = new CountDownLatch(1);
        var running = new Semaphore(0);
        WorkerPool<Exchange> pool = HttpServer.startAdminPool(request -> {
            running.release();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Response.of(Status.OK, "text/plain", "ok\n");
        });
        try {
            List<Exchange> taken = new ArrayList<>();
            for (int i = 0; i < HttpServer.ADMIN_WORKERS; i++) {
                taken.add(offered(pool));
            }
            assertTrue(running.tryAcquire(HttpServer.ADMIN_WORKERS, 10, TimeUnit.SECONDS),
                    "both workers busy before the queue fills");
            for (int i = 0; i < HttpServer.ADMIN_QUEUE; i++) {
                taken.add(offered(pool));
            }
            assertEquals(HttpServer.ADMIN_QUEUE, pool.stats().queued(), "N = workers + queue: all taken");
            assertFalse(pool.offer(exchange()), "N + 1: refused");
            assertEquals(1, pool.stats().rejected());
            release.countDown();
            for (Exchange exchange : taken) {
                assertEquals(Status.OK, exchange.await().status());
            }
        } finally {
            release.countDown();
            pool.close(Duration.ofSeconds(5));
        }
    }

    private static Exchange offered(WorkerPool<Exchange> pool) {
        Exchange exchange = exchange();
        assertTrue(pool.offer(exchange), "taken: " + pool.stats());
        return exchange;
    }

    private static Exchange exchange() {
        var head = new RequestHead(Method.GET, "/health", TargetForm.ORIGIN, "/health", Optional.empty(),
                Version.HTTP_1_1, Headers.of("Host", "localhost"));
        return new Exchange(new Request(head, Body.EMPTY), "127.0.0.1:40000");
    }
}

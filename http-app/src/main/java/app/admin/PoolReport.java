package app.admin;

import java.time.Duration;
import java.time.Instant;
import pool.PoolStats;
import pool.WorkerPool;
import pool.WorkerState;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /pool}: the worker pool as JSON, its counters and what each worker is doing — idle, or
 * the request it runs — and since when. Built as a tree, so no class needs to be opened to
 * Jackson for reflection.
 */
final class PoolReport {

    static final String CONTENT_TYPE = "application/json";

    private final ObjectMapper mapper = JsonMapper.builder().build();
    private final WorkerPool<?> pool;

    PoolReport(WorkerPool<?> pool) {
        this.pool = pool;
    }

    /** The report as of {@code now}, as UTF-8 JSON. */
    byte[] write(Instant now) {
        PoolStats stats = pool.stats();
        ObjectNode root = mapper.createObjectNode();
        root.put("workers", stats.workers());
        root.put("busy", stats.busy());
        root.put("queued", stats.queued());
        root.put("queueCapacity", pool.queueCapacity());
        root.put("queueHighWater", stats.queueHighWater());
        root.put("submitted", stats.submitted());
        root.put("completed", stats.completed());
        root.put("rejected", stats.rejected());
        root.put("failed", stats.failed());
        ArrayNode workers = root.putArray("activity");
        for (WorkerState state : pool.snapshot()) {
            ObjectNode worker = workers.addObject();
            worker.put("worker", state.worker());
            worker.put("state", state.busy() ? "busy" : "idle");
            state.job().ifPresent(job -> worker.put("request", job));
            worker.put("since", state.since().toString());
            worker.put("forMillis", Math.max(0, Duration.between(state.since(), now).toMillis()));
        }
        return mapper.writeValueAsBytes(root);
    }
}

package pool;

import java.time.Instant;
import java.util.Optional;

/** What a worker, or a caller running a job itself, is doing: its job, empty while idle, and since when. */
record Activity<T>(Optional<T> job, Instant since) {}

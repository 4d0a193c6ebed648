package app.server;

import app.ServerConfig;
import app.handler.ErrorPages;
import app.handler.Handler;
import app.log.AccessLog;
import pool.WorkerPool;
import protocol.Limits;

/** What every connection shares: configuration, the pool, the handler and the policies. */
record ServerContext(
        ServerConfig config,
        Limits limits,
        Handler handler,
        WorkerPool<Exchange> pool,
        HostPolicy hosts,
        ErrorPages errors,
        Watchdog watchdog,
        AccessLog accessLog,
        Lifecycle lifecycle) {}

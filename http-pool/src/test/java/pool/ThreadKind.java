package pool;

import java.util.concurrent.ThreadFactory;

/** The two kinds of worker thread a pool may run on. */
enum ThreadKind {
    PLATFORM {
        @Override
        ThreadFactory factory(String prefix) {
            return Thread.ofPlatform().name(prefix, 1).factory();
        }
    },
    VIRTUAL {
        @Override
        ThreadFactory factory(String prefix) {
            return Thread.ofVirtual().name(prefix, 1).factory();
        }
    };

    abstract ThreadFactory factory(String prefix);
}

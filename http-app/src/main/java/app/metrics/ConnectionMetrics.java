package app.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The connections: each listener's counters, and the connections open now by protocol and TLS.
 * A connection counts as open once its protocol begins (after the TLS handshake) until it ends.
 */
public final class ConnectionMetrics {

    /** The protocol a connection speaks: the {@code protocol} label of open connections. */
    public enum Protocol {
        HTTP_1("http/1.1"), H2("h2");

        private final String label;

        Protocol(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final List<ListenerCounters> listeners = new CopyOnWriteArrayList<>();
    private final LongAdder[] open = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};

    /** The counters of a new listener named {@code name} (its label); once per listener, at start-up. */
    public ListenerCounters listener(String name, boolean secure) {
        var counters = new ListenerCounters(name, secure);
        listeners.add(counters);
        return counters;
    }

    /** Every listener's counters, in the order they were made. */
    public List<ListenerCounters> listeners() {
        return List.copyOf(listeners);
    }

    /** A connection began speaking {@code protocol}. */
    public void opened(Protocol protocol, boolean tls) {
        open[index(protocol, tls)].increment();
    }

    /** A connection that {@link #opened} ended. */
    public void closed(Protocol protocol, boolean tls) {
        open[index(protocol, tls)].decrement();
    }

    /** Connections open now speaking {@code protocol}, over TLS or not. */
    public long open(Protocol protocol, boolean tls) {
        return open[index(protocol, tls)].sum();
    }

    private static int index(Protocol protocol, boolean tls) {
        return protocol.ordinal() * 2 + (tls ? 1 : 0);
    }
}

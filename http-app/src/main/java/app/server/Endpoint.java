package app.server;

import app.handler.ErrorPages;
import app.handler.Response;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import protocol.Expectation;
import protocol.Headers;
import protocol.RequestHead;
import protocol.Status;
import protocol.TargetForm;

/**
 * What one listener adds to every request it carries: its scheme, the {@code Host} values it
 * answers, fields on every response (HSTS on HTTPS), and on a cleartext listener that only
 * redirects, the HTTPS port to send clients to.
 *
 * @param scheme         {@code http} or {@code https}
 * @param hosts          the Host policy for this listener's port
 * @param redirectPort   when present, every request is answered with 308 to HTTPS on this port
 * @param refusal        when present, every request is answered with it (a cleartext request on
 *                       the HTTPS port)
 * @param responseFields fields every response on this listener carries
 */
public record Endpoint(String scheme, HostPolicy hosts, ErrorPages errors, Optional<Integer> redirectPort,
        Optional<Response> refusal, Headers responseFields) {

    /** A cleartext endpoint that serves every request itself. */
    public static Endpoint plain(HostPolicy hosts, ErrorPages errors) {
        return new Endpoint("http", hosts, errors, Optional.empty(), Optional.empty(), Headers.EMPTY);
    }

    private static final Logger log = LoggerFactory.getLogger(Endpoint.class);
    private static final int DEFAULT_HTTPS_PORT = 443;

    /**
     * The checks every request passes before a handler sees it: the listener's refusal, Host
     * validation (SPEC), a supported expectation, then the redirect to HTTPS, unless a trusted proxy says
     * the client came over HTTPS already. Empty when the request may proceed; else the answer, after which the
     * connection closes. {@code requestId} names the request in what is logged of a refusal.
     */
    public Optional<Response> check(RequestHead head, String client, String requestId, boolean forwardedHttps) {
        if (refusal.isPresent()) {
            return refusal;
        }
        Optional<String> host = head.host();
        if (host.isPresent() && !hosts.accepts(host.get())) {
            log.info("{}: Host rejected: '{}' for {} {} (request {})", client, host.get(), head.method().name(),
                    head.target(), requestId);
            return Optional.of(errors.page(Status.FORBIDDEN));
        }
        if (head.expectation() == Expectation.UNSUPPORTED) {
            return Optional.of(errors.page(Status.EXPECTATION_FAILED));
        }
        if (forwardedHttps) {
            return Optional.empty();
        }
        return redirectPort.map(port -> redirect(head, host, port));
    }

    // RFC 9110 §15.4.9: 308 keeps the method and body, so an upload is redirected as an upload.
    private Response redirect(RequestHead head, Optional<String> host, int port) {
        String name = host.map(Endpoint::hostName).orElse("localhost");
        String authority = port == DEFAULT_HTTPS_PORT ? name : name + ":" + port;
        String target = head.form() == TargetForm.ASTERISK ? "/"
                : head.path() + head.query().map(query -> "?" + query).orElse("");
        return errors.page(Status.PERMANENT_REDIRECT, "This resource is served over HTTPS.")
                .with("Location", "https://" + authority + target);
    }

    /** The host of a valid {@code Host} value, without its port: {@code [::1]:8080} → {@code [::1]}. */
    static String hostName(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}

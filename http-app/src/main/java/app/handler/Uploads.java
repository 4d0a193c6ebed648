package app.handler;

import app.metrics.UploadMetrics;
import fs.StorageFullException;
import fs.StoredUpload;
import fs.UploadStore;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import protocol.GzipDecoder;
import protocol.Headers;
import protocol.Request;
import protocol.RequestCoding;
import protocol.RequestHead;
import protocol.Status;
import tools.jackson.core.JacksonException;

/**
 * {@code POST /upload}: a JSON body, checked to be exactly one JSON value within limits, stored
 * durably, answered with 201 and the stored file's address (seed). A body sent with
 * {@code Content-Encoding: gzip} is decoded first, and the body limit holds for the decoded bytes;
 * any other coding is refused with 415 naming the one accepted (RFC 9110 §15.5.16). Counts what it
 * stores and what it refuses, by reason.
 */
final class Uploads {

    private static final Logger log = LoggerFactory.getLogger(Uploads.class);

    /** The only request coding decoded, as a 415 announces it (RFC 9110 §12.5.3). */
    private static final String ACCEPTED_CODINGS = "gzip";

    private final UploadStore store;
    private final long maxBody;
    private final JsonCheck json;
    private final ErrorPages errors;
    private final UploadMetrics metrics;

    Uploads(UploadStore store, long maxBody, ErrorPages errors, UploadMetrics metrics) {
        this.store = store;
        this.maxBody = maxBody;
        this.json = new JsonCheck(maxBody);
        this.errors = errors;
        this.metrics = metrics;
    }

    /**
     * Refuses a head whose body would be refused anyway, before the body is read. A request is
     * screened once: either its head on its own, or as the first step of {@link #handle}.
     */
    Optional<Response> screen(RequestHead head) {
        if (RequestCoding.of(head.headers()) == RequestCoding.UNSUPPORTED) {
            metrics.refused(UploadMetrics.Refusal.UNSUPPORTED_MEDIA_TYPE);
            return Optional.of(errors.page(Status.UNSUPPORTED_MEDIA_TYPE,
                    "The request body must be sent uncoded or with Content-Encoding: gzip.")
                    .with("Accept-Encoding", ACCEPTED_CODINGS));
        }
        if (isJson(head.headers())) {
            return Optional.empty();
        }
        metrics.refused(UploadMetrics.Refusal.UNSUPPORTED_MEDIA_TYPE);
        return Optional.of(errors.page(Status.UNSUPPORTED_MEDIA_TYPE));
    }

    Response handle(Request request) {
        Optional<Response> refusal = screen(request.head());
        if (refusal.isPresent()) {
            return refusal.get();
        }
        byte[] body = request.body().bytes();
        if (RequestCoding.of(request.head().headers()) == RequestCoding.GZIP) {
            switch (GzipDecoder.decode(body, maxBody)) {
                case GzipDecoder.Decoded decoded -> body = decoded.body().bytes();
                case GzipDecoder.TooLarge tooLarge -> {
                    log.debug("Upload refused: {} gzip bytes decode to more than {}", body.length, maxBody);
                    metrics.refused(UploadMetrics.Refusal.DECODED_TOO_LARGE);
                    return errors.page(Status.CONTENT_TOO_LARGE,
                            "The request body, once decoded, is larger than this server accepts.");
                }
                case GzipDecoder.Corrupt corrupt -> {
                    log.debug("Upload refused: bad gzip: {}", corrupt.reason());
                    metrics.refused(UploadMetrics.Refusal.INVALID_GZIP);
                    return errors.page(Status.BAD_REQUEST, "The request body is not valid gzip.");
                }
            }
        }
        try {
            json.requireOneValue(body);
        } catch (JacksonException e) {
            log.debug("Upload refused: not one JSON value: {}", e.getOriginalMessage());
            metrics.refused(UploadMetrics.Refusal.INVALID_JSON);
            return errors.page(Status.BAD_REQUEST, "The request body must be exactly one JSON value.");
        }
        StoredUpload stored;
        try {
            stored = store.store(body);
        } catch (StorageFullException e) {
            log.warn("Upload of {} bytes refused: storage full in {} (request {})", body.length, store.folder(),
                    CurrentRequest.id());
            metrics.refused(UploadMetrics.Refusal.STORAGE_FULL);
            return errors.page(Status.INSUFFICIENT_STORAGE);
        } catch (ClosedByInterruptException | InterruptedIOException e) {
            // Cancelled (the client reset its stream, or the server stops): the store removed what it wrote.
            log.debug("Upload of {} bytes abandoned: {}", body.length, e.toString());
            return errors.page(Status.SERVICE_UNAVAILABLE);
        } catch (IOException e) {
            log.error("Upload of {} bytes failed: {} (request {})", body.length, e.toString(), CurrentRequest.id());
            metrics.refused(UploadMetrics.Refusal.WRITE_FAILED);
            return errors.page(Status.INTERNAL_SERVER_ERROR);
        }
        String location = "/uploads/" + stored.name();
        log.info("Stored upload {} ({} bytes, request {})", stored.name(), stored.size(), CurrentRequest.id());
        metrics.stored(stored.size());
        // The seed's answer; the name is ours ([a-z0-9_.]), so it needs no JSON escaping.
        String answer = "{\"status\":\"success\",\"message\":\"File created successfully\",\"filepath\":\""
                + location + "\"}";
        return Response.of(Status.CREATED, "application/json", answer).with("Location", location);
    }

    // The media type, case-insensitively, with any parameters (RFC 9110 §8.3.1).
    private static boolean isJson(Headers headers) {
        return headers.first("Content-Type")
                .map(value -> {
                    int semicolon = value.indexOf(';');
                    String type = (semicolon < 0 ? value : value.substring(0, semicolon)).trim();
                    return type.toLowerCase(Locale.ROOT).equals("application/json");
                })
                .orElse(false);
    }
}

package app.handler;

import app.ServerConfig;
import app.ServerInfo;
import app.metrics.UploadMetrics;
import fs.DocumentRoot;
import fs.MediaTypes;
import fs.PathOutcome;
import fs.PathRejection;
import fs.RequestPath;
import fs.UploadStore;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import protocol.Headers;
import protocol.Method;
import protocol.Request;
import protocol.RequestHead;
import protocol.Status;
import protocol.TargetForm;

/**
 * Decides which handler answers a request: {@code POST /upload} to the upload handler,
 * {@code /uploads/...} to the upload folder (and {@code /uploads/} itself, when directories are
 * listed), everything else to the document root. Answers OPTIONS (a CORS preflight from an origin
 * {@code --cors} allows apart), 405 with {@code Allow} for a known method the target does not take,
 * and 501 for a method this server does not know.
 */
public final class Router implements Handler {

    private static final String UPLOADS = "uploads";
    private static final String ALLOW_FILES = "GET, HEAD, OPTIONS";
    private static final String ALLOW_UPLOAD = "OPTIONS, POST";
    private static final String ALLOW_SERVER = "GET, HEAD, OPTIONS, POST";

    private final ErrorPages errors = new ErrorPages(ServerInfo.SERVER);
    private final StaticFiles files;
    private final StaticFiles uploadedFiles;
    private final Uploads uploads;
    private final boolean listDirectories;
    private final Preflight preflight;

    /** Routes for {@code config}, serving {@code root} and storing into {@code store}, uploads counted apart. */
    public Router(ServerConfig config, DocumentRoot root, UploadStore store) throws IOException {
        this(config, root, store, new UploadMetrics());
    }

    /** Routes for {@code config}, serving {@code root} and storing into {@code store}, uploads counted in {@code uploadMetrics}. */
    public Router(ServerConfig config, DocumentRoot root, UploadStore store, UploadMetrics uploadMetrics)
            throws IOException {
        var mediaTypes = MediaTypes.defaults();
        // One cache for both roots, so that its bound is the server's.
        Optional<GzipBodies> gzip = GzipBodies.of(config);
        this.listDirectories = config.listing().enabled();
        Optional<Listings> listings = listDirectories
                ? Optional.of(new Listings(config.listing().limit(), ServerInfo.SERVER, errors))
                : Optional.empty();
        this.files = new StaticFiles(root, "", mediaTypes, config.downloads(), errors, config.precompressed(), gzip,
                listings);
        this.uploadedFiles = new StaticFiles(DocumentRoot.open(store.folder()), "/" + UPLOADS,
                mediaTypes, config.downloads(), errors, config.precompressed(), gzip, listings);
        this.uploads = new Uploads(store, config.maxBody(), errors, uploadMetrics);
        this.preflight = new Preflight(config.responseHeaders().cors());
    }

    @Override
    public Optional<Response> screen(RequestHead head) {
        Method method = head.method();
        if (!method.isStandard()) {
            return Optional.of(errors.page(Status.NOT_IMPLEMENTED));
        }
        if (isUpload(head) && method.equals(Method.POST)) {
            return uploads.screen(head);
        }
        return Optional.of(notAllowed(isUpload(head) ? ALLOW_UPLOAD : ALLOW_FILES));
    }

    @Override
    public Response handle(Request request) {
        RequestHead head = request.head();
        Method method = head.method();
        if (!method.isStandard()) {
            return errors.page(Status.NOT_IMPLEMENTED);
        }
        if (head.form() == TargetForm.ASTERISK) {
            // RFC 9110 §9.3.7: OPTIONS * asks about the server as a whole.
            return allow(ALLOW_SERVER);
        }
        Optional<Response> preflightAnswer = preflight.answer(head);
        if (preflightAnswer.isPresent()) {
            return preflightAnswer.get();
        }
        PathOutcome path = RequestPath.parse(head.path());
        if (path instanceof PathRejection rejection) {
            return errors.page(rejection.kind() == PathRejection.Kind.MALFORMED ? Status.BAD_REQUEST : Status.FORBIDDEN);
        }
        var requestPath = (RequestPath) path;
        if (isUpload(requestPath)) {
            return method.equals(Method.POST) ? uploads.handle(request)
                    : method.equals(Method.OPTIONS) ? allow(ALLOW_UPLOAD) : notAllowed(ALLOW_UPLOAD);
        }
        if (method.equals(Method.OPTIONS)) {
            return allow(ALLOW_FILES);
        }
        if (!method.equals(Method.GET) && !method.equals(Method.HEAD)) {
            return notAllowed(ALLOW_FILES);
        }
        List<String> segments = requestPath.segments();
        // Uploads are served from the upload folder, wherever it is (--uploads); listed, the folder itself too.
        boolean inUploads = !segments.isEmpty() && segments.getFirst().equals(UPLOADS);
        if (inUploads && (segments.size() > 1 || listDirectories && requestPath.directory())) {
            var inside = new RequestPath(segments.subList(1, segments.size()), requestPath.directory());
            return uploadedFiles.serve(head, inside);
        }
        return files.serve(head, requestPath);
    }

    private Response allow(String methods) {
        return new Response(Status.NO_CONTENT, Headers.of("Allow", methods), ResponseBody.EMPTY);
    }

    private Response notAllowed(String methods) {
        return errors.page(Status.METHOD_NOT_ALLOWED).with("Allow", methods);
    }

    /** Whether {@code head} asks for a file of the upload folder (served under {@code /uploads/}). */
    public static boolean inUploadFolder(RequestHead head) {
        return RequestPath.parse(head.path()) instanceof RequestPath path && path.segments().size() > 1
                && path.segments().getFirst().equals(UPLOADS);
    }

    private static boolean isUpload(RequestHead head) {
        return RequestPath.parse(head.path()) instanceof RequestPath path && isUpload(path);
    }

    private static boolean isUpload(RequestPath path) {
        return !path.directory() && path.segments().equals(List.of("upload"));
    }
}

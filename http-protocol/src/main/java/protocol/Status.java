package protocol;

/** A response status code with its reason phrase (RFC 9110 §15): common ones as constants, any other by {@link #of}. */
public final class Status {

    /** 100 Continue. */
    public static final Status CONTINUE = new Status(100, "Continue");
    /** 200 OK. */
    public static final Status OK = new Status(200, "OK");
    /** 201 Created. */
    public static final Status CREATED = new Status(201, "Created");
    /** 204 No Content. */
    public static final Status NO_CONTENT = new Status(204, "No Content");
    /** 206 Partial Content. */
    public static final Status PARTIAL_CONTENT = new Status(206, "Partial Content");
    /** 301 Moved Permanently. */
    public static final Status MOVED_PERMANENTLY = new Status(301, "Moved Permanently");
    /** 304 Not Modified. */
    public static final Status NOT_MODIFIED = new Status(304, "Not Modified");
    /** 308 Permanent Redirect. */
    public static final Status PERMANENT_REDIRECT = new Status(308, "Permanent Redirect");
    /** 400 Bad Request. */
    public static final Status BAD_REQUEST = new Status(400, "Bad Request");
    /** 403 Forbidden. */
    public static final Status FORBIDDEN = new Status(403, "Forbidden");
    /** 404 Not Found. */
    public static final Status NOT_FOUND = new Status(404, "Not Found");
    /** 405 Method Not Allowed. */
    public static final Status METHOD_NOT_ALLOWED = new Status(405, "Method Not Allowed");
    /** 406 Not Acceptable. */
    public static final Status NOT_ACCEPTABLE = new Status(406, "Not Acceptable");
    /** 408 Request Timeout. */
    public static final Status REQUEST_TIMEOUT = new Status(408, "Request Timeout");
    /** 411 Length Required. */
    public static final Status LENGTH_REQUIRED = new Status(411, "Length Required");
    /** 412 Precondition Failed. */
    public static final Status PRECONDITION_FAILED = new Status(412, "Precondition Failed");
    /** 413 Content Too Large. */
    public static final Status CONTENT_TOO_LARGE = new Status(413, "Content Too Large");
    /** 414 URI Too Long. */
    public static final Status URI_TOO_LONG = new Status(414, "URI Too Long");
    /** 415 Unsupported Media Type. */
    public static final Status UNSUPPORTED_MEDIA_TYPE = new Status(415, "Unsupported Media Type");
    /** 416 Range Not Satisfiable. */
    public static final Status RANGE_NOT_SATISFIABLE = new Status(416, "Range Not Satisfiable");
    /** 417 Expectation Failed. */
    public static final Status EXPECTATION_FAILED = new Status(417, "Expectation Failed");
    /** 431 Request Header Fields Too Large. */
    public static final Status REQUEST_HEADER_FIELDS_TOO_LARGE = new Status(431, "Request Header Fields Too Large");
    /** 500 Internal Server Error. */
    public static final Status INTERNAL_SERVER_ERROR = new Status(500, "Internal Server Error");
    /** 501 Not Implemented. */
    public static final Status NOT_IMPLEMENTED = new Status(501, "Not Implemented");
    /** 503 Service Unavailable. */
    public static final Status SERVICE_UNAVAILABLE = new Status(503, "Service Unavailable");
    /** 505 HTTP Version Not Supported. */
    public static final Status HTTP_VERSION_NOT_SUPPORTED = new Status(505, "HTTP Version Not Supported");
    /** 507 Insufficient Storage. */
    public static final Status INSUFFICIENT_STORAGE = new Status(507, "Insufficient Storage");

    private static final Status[] KNOWN = {
        CONTINUE, OK, CREATED, NO_CONTENT, PARTIAL_CONTENT, MOVED_PERMANENTLY, NOT_MODIFIED, PERMANENT_REDIRECT,
        BAD_REQUEST,
        FORBIDDEN, NOT_FOUND, METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, REQUEST_TIMEOUT, LENGTH_REQUIRED, PRECONDITION_FAILED,
        CONTENT_TOO_LARGE, URI_TOO_LONG, UNSUPPORTED_MEDIA_TYPE, RANGE_NOT_SATISFIABLE, EXPECTATION_FAILED,
        REQUEST_HEADER_FIELDS_TOO_LARGE, INTERNAL_SERVER_ERROR, NOT_IMPLEMENTED, SERVICE_UNAVAILABLE,
        HTTP_VERSION_NOT_SUPPORTED, INSUFFICIENT_STORAGE,
    };

    private final int code;
    private final String reason;

    private Status(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    /**
     * The status with this code: a constant when there is one, else one whose reason names its class.
     *
     * @throws IllegalArgumentException if {@code code} is not in 100..599 (RFC 9110 §15)
     */
    public static Status of(int code) {
        for (Status s : KNOWN) {
            if (s.code == code) {
                return s;
            }
        }
        return switch (code / 100) {
            case 1 -> new Status(code, "Informational");
            case 2 -> new Status(code, "Success");
            case 3 -> new Status(code, "Redirection");
            case 4 -> new Status(code, "Client Error");
            case 5 -> new Status(code, "Server Error");
            default -> throw new IllegalArgumentException("status code out of range: " + code);
        };
    }

    /** The three-digit code. */
    public int code() {
        return code;
    }

    /** The reason phrase. */
    public String reason() {
        return reason;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Status other && code == other.code;
    }

    @Override
    public int hashCode() {
        return code;
    }

    @Override
    public String toString() {
        return code + " " + reason;
    }
}

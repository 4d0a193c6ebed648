package protocol;

/** The forms of request-target the server accepts (RFC 9112 §3.2); authority-form is rejected. */
public enum TargetForm {
    /** {@code /path?query}, the usual form. */
    ORIGIN,
    /** {@code http://authority/path?query}, as sent to proxies; servers must accept it too. */
    ABSOLUTE,
    /** {@code *}, only with OPTIONS: the server as a whole. */
    ASTERISK
}

package protocol;

/** The one assertion fuzz tests make: it names the property that failed and never prints the input. */
public final class FuzzChecks {

    private FuzzChecks() {}

    /** Fails with {@code what} unless {@code ok}. */
    public static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}

package app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The server's name and version, as built. */
public final class ServerInfo {

    /** The version of this build, such as {@code 0.1.0}. */
    public static final String VERSION = loadVersion();

    /** The {@code Server} field value: {@code http-server/VERSION}. */
    public static final String SERVER = "http-server/" + VERSION;

    private ServerInfo() {}

    private static String loadVersion() {
        try (InputStream in = ServerInfo.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties missing from the build");
            }
            var properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

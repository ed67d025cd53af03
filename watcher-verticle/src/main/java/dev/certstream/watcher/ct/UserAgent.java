package dev.certstream.watcher.ct;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The User-Agent the watcher sends to every log: the software, its version and, when configured, the
 * operator's contact, as static-ct log operators ask of monitors ({@code certstream-vertx/0.1.0
 * (+contact: ops@example.org)}).
 */
public final class UserAgent {

    static final String PRODUCT = "certstream-vertx";

    private UserAgent() {
    }

    /** The header value for this contact (null: none configured). */
    public static String of(String contact) {
        String product = PRODUCT + "/" + version();
        return contact == null ? product : product + " (+contact: " + contact + ")";
    }

    /** The version Maven wrote into the jar, or "dev" when run from unfiltered sources. */
    static String version() {
        try (InputStream in = UserAgent.class.getResourceAsStream("/dev/certstream/watcher/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "dev");
            return version.startsWith("${") ? "dev" : version;
        } catch (IOException e) {
            return "dev";
        }
    }
}

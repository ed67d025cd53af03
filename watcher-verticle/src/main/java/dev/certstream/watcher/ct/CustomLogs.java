package dev.certstream.watcher.ct;

import dev.certstream.node.ConfigException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses logs added by configuration: a comma-separated list of {@code rfc6962:<url>} and
 * {@code static-ct:<monitoring url>} or {@code static-ct:<monitoring url>|<submission url>} (the submission
 * URL names the checkpoint origin; it defaults to the monitoring URL). Custom logs have no key, so their
 * checkpoints are not signature-checked.
 */
public final class CustomLogs {

    private CustomLogs() {
    }

    public static List<LogSource> parse(String variable, String value) {
        List<LogSource> logs = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return logs;
        }
        for (String item : value.split(",")) {
            String spec = item.trim();
            if (spec.isEmpty()) {
                continue;
            }
            int colon = spec.indexOf(':');
            if (colon < 0) {
                throw new ConfigException(variable, "each log must be rfc6962:<url> or static-ct:<url>[|<submission url>]", spec);
            }
            String kind = spec.substring(0, colon);
            String rest = spec.substring(colon + 1);
            switch (kind) {
                case "rfc6962" -> logs.add(new LogSource(checkUrl(variable, rest), null, "custom",
                        LogType.RFC6962, null, null, "custom"));
                case "static-ct" -> {
                    String[] parts = rest.split("\\|", 2);
                    String monitoring = checkUrl(variable, parts[0]);
                    String submission = parts.length > 1 ? checkUrl(variable, parts[1]) : monitoring;
                    logs.add(new LogSource(monitoring, null, "custom", LogType.STATIC_CT, submission, null, "custom"));
                }
                default -> throw new ConfigException(variable, "log type must be rfc6962 or static-ct", spec);
            }
        }
        return logs;
    }

    private static String checkUrl(String variable, String url) {
        try {
            URI uri = new URI(url.trim());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new ConfigException(variable, "a log URL must be absolute http(s)", url);
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw new ConfigException(variable, "not a URL: " + e.getReason(), url);
        }
    }
}

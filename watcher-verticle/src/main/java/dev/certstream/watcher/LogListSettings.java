package dev.certstream.watcher;

import dev.certstream.node.ConfigException;
import dev.certstream.node.EnvReader;
import dev.certstream.watcher.ct.CustomLogs;
import dev.certstream.watcher.ct.LogListSignature;
import dev.certstream.watcher.ct.LogSource;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Which logs the watcher follows: the log list, how often it is read again, which states count, and
 * the logs added by configuration.
 *
 * @param url             Google log list v3 to follow (http(s) or file URL)
 * @param refresh         how often the list is read again (new logs start, removed ones stop)
 * @param includePending  whether logs in the {@code pending} state are followed
 * @param customLogs      logs added by configuration ({@link CustomLogs} syntax)
 * @param bundledFallback whether the snapshot of Google's list bundled in the jar may stand in
 *                        when the list URL and the last good copy both fail (never for a custom
 *                        list: it would make a private or test deployment follow the real logs)
 * @param signature       the detached signature a list must carry to be used (Google's lists: their
 *                        {@code .sig} beside them, checked with Google's key), or null to take the list as it is
 */
public record LogListSettings(URI url, Duration refresh, boolean includePending, List<LogSource> customLogs,
                              boolean bundledFallback, LogListSignature signature) {

    /** Google's list, the default. */
    public static final String DEFAULT_URL = "https://www.gstatic.com/ct/log_list/v3/log_list.json";

    public LogListSettings {
        Objects.requireNonNull(url, "url");
        customLogs = List.copyOf(customLogs);
    }

    /** Reads the variables; a bad value stops the process naming its variable. */
    public static LogListSettings fromEnv(EnvReader env) {
        URI url = env.url("CERTSTREAM_LOG_LIST_URL", DEFAULT_URL);
        return new LogListSettings(
                url,
                env.duration("CERTSTREAM_LOG_LIST_REFRESH", Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofDays(7)),
                env.bool("CERTSTREAM_INCLUDE_PENDING", false),
                CustomLogs.parse("CERTSTREAM_CUSTOM_LOGS", env.string("CERTSTREAM_CUSTOM_LOGS", "")),
                env.bool("CERTSTREAM_BUNDLED_LOG_LIST", url.toString().equals(DEFAULT_URL)),
                signature(url, env.bool("CERTSTREAM_LOG_LIST_SIGNED", LogListSignature.isGoogleList(url))));
    }

    /** Google's signature beside the list when it must be signed (a mirror of Google's list must end in .json). */
    private static LogListSignature signature(URI url, boolean signed) {
        if (!signed) {
            return null;
        }
        try {
            return LogListSignature.google(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("CERTSTREAM_LOG_LIST_SIGNED", e.getMessage(), "true");
        }
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes a few values (tests, the demo); the record's constructor validates the result. */
    public static final class Builder {
        private URI url;
        private Duration refresh;
        private boolean includePending;
        private List<LogSource> customLogs;
        private boolean bundledFallback;
        private LogListSignature signature;

        private Builder(LogListSettings c) {
            url = c.url;
            refresh = c.refresh;
            includePending = c.includePending;
            customLogs = c.customLogs;
            bundledFallback = c.bundledFallback;
            signature = c.signature;
        }

        /**
         * Also decides {@link #bundledFallback} (Google's list only) and {@link #signature} (Google's lists
         * only); override after, if needed.
         */
        public Builder url(URI v) {
            url = v;
            bundledFallback = v.toString().equals(DEFAULT_URL);
            signature = LogListSignature.isGoogleList(v) ? LogListSignature.google(v) : null;
            return this;
        }
        public Builder refresh(Duration v) { refresh = v; return this; }
        public Builder includePending(boolean v) { includePending = v; return this; }
        public Builder customLogs(List<LogSource> v) { customLogs = v; return this; }
        public Builder bundledFallback(boolean v) { bundledFallback = v; return this; }
        public Builder signature(LogListSignature v) { signature = v; return this; }

        public LogListSettings build() {
            return new LogListSettings(url, refresh, includePending, customLogs, bundledFallback, signature);
        }
    }
}

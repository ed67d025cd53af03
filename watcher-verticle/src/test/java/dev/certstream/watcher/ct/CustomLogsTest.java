package dev.certstream.watcher.ct;

import dev.certstream.watcher.WatcherConfig;

import dev.certstream.node.ConfigException;
import dev.certstream.node.EnvReader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CustomLogsTest {

    @Test
    void parsesBothKinds() {
        List<LogSource> logs = CustomLogs.parse("V",
                "rfc6962:https://ct.test/log, static-ct:https://mon.test/t/|https://sub.test/t/ ,static-ct:http://127.0.0.1:9/x/");
        assertEquals(3, logs.size());
        assertEquals("https://ct.test/log/", logs.get(0).url(), "a trailing slash is added");
        assertEquals(LogType.RFC6962, logs.get(0).type());
        assertEquals("https://sub.test/t/", logs.get(1).submissionUrl());
        assertEquals("http://127.0.0.1:9/x/", logs.get(2).submissionUrl());
        assertEquals("custom", logs.get(2).state());
    }

    @Test
    void rejectsBadSpecsNamingTheVariable() {
        assertTrue(assertThrows(ConfigException.class, () -> CustomLogs.parse("V", "https://x.test/")).getMessage().startsWith("V:"));
        assertThrows(ConfigException.class, () -> CustomLogs.parse("V", "tiled:https://x.test/"));
        assertThrows(ConfigException.class, () -> CustomLogs.parse("V", "rfc6962:ftp://x.test/"));
        assertThrows(ConfigException.class, () -> CustomLogs.parse("V", "rfc6962:relative/path"));
    }

    @Test
    void configReadsCustomLogsAndValidates() {
        WatcherConfig config = WatcherConfig.fromEnv(new EnvReader(Map.of(
                "CERTSTREAM_CUSTOM_LOGS", "rfc6962:https://ct.test/a/",
                "CERTSTREAM_INCLUDE_PENDING", "true",
                "CERTSTREAM_POLL_INTERVAL", "250ms")));
        assertEquals(1, config.logList().customLogs().size());
        assertTrue(config.logList().includePending());
        assertEquals(250, config.fetching().pollInterval().toMillis());
        assertThrows(ConfigException.class, () -> WatcherConfig.fromEnv(new EnvReader(Map.of(
                "CERTSTREAM_BACKOFF_MIN", "10s", "CERTSTREAM_BACKOFF_MAX", "1s"))));
        assertThrows(ConfigException.class, () -> WatcherConfig.fromEnv(new EnvReader(Map.of(
                "CERTSTREAM_LOG_LIST_URL", "gopher://x"))));
        assertEquals(WatcherConfig.DEFAULT_LOG_LIST, WatcherConfig.defaults().logList().url().toString());
    }
}

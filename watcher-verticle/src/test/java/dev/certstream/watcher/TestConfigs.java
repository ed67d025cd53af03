package dev.certstream.watcher;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** Watcher configurations with the fast timings tests want. */
final class TestConfigs {

    private TestConfigs() {
    }

    /** Polls every 200 ms, times out requests after {@code timeout}, backs off 20..800 ms. */
    static WatcherConfig.Builder fast(String logListUrl, Path dataDir, Duration timeout) {
        return WatcherConfig.defaults().toBuilder()
                .logList(l -> l.url(URI.create(logListUrl)).refresh(Duration.ofMinutes(10)))
                .fetching(f -> f.pollInterval(Duration.ofMillis(200)).requestTimeout(timeout)
                        .partialTileWait(Duration.ofMillis(300)))
                .pacing(p -> p.backoff(Duration.ofMillis(20), Duration.ofMillis(800)))
                .progress(p -> p.dataDir(dataDir).statusInterval(Duration.ofMillis(200)).progressFlush(Duration.ofMillis(100)));
    }
}

package dev.certstream.watcher;

import dev.certstream.watcher.cluster.FileProgressStore;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.certstream.testing.TestFutures.await;

/**
 * What the watcher's tests share: a Vert.x per test (vertx-junit5 closes it after the test) and a fresh
 * data directory; each test class adds its simulator with {@code SimulatorExtension}.
 */
@ExtendWith(VertxExtension.class)
abstract class WatcherTestBase {

    Vertx vertx;

    @TempDir
    Path dataDir;

    @BeforeEach
    void takeVertx(Vertx injected) {
        vertx = injected;
    }

    /** Deploys a single-JVM watcher keeping its progress in the data directory. */
    WatcherVerticle deployWatcher(WatcherConfig config, WatcherMetrics metrics) {
        FileProgressStore progress = new FileProgressStore(vertx, dataDir.resolve("progress.json"));
        await(progress.open(100));
        WatcherVerticle watcher = new WatcherVerticle(config, progress, metrics, "test");
        await(vertx.deployVerticle(watcher));
        return watcher;
    }
}

package dev.certstream.watcher;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

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
}

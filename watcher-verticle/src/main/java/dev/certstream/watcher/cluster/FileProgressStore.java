package dev.certstream.watcher.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Single-JVM progress: a JSON object {log URL: next index} in one file, read once at start and rewritten
 * atomically (temp file + rename) at most every flush interval, on a worker thread. A crash loses at most
 * one interval of progress, which means re-publishing a few entries, never skipping any. Thread-safe.
 */
public final class FileProgressStore implements ProgressStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileProgressStore.class);

    private final Vertx vertx;
    private final Path file;
    private final Map<String, Long> nextIndexByLog = new ConcurrentHashMap<>();
    private Future<Void> loaded;
    private volatile boolean dirty;
    private long flushTimer = -1;
    private Future<Void> writing = Future.succeededFuture();

    public FileProgressStore(Vertx vertx, Path file) {
        this.vertx = vertx;
        this.file = file;
    }

    /** Reads the file (absent is fine; unreadable is logged and treated as empty) and starts periodic flushing. */
    public Future<Void> open(long flushIntervalMs) {
        loaded = vertx.executeBlocking(this::read, false).map(map -> {
            nextIndexByLog.putAll(map);
            return (Void) null;
        });
        flushTimer = vertx.setPeriodic(flushIntervalMs, t -> {
            if (dirty) {
                flush();
            }
        });
        return loaded;
    }

    private Map<String, Long> read() {
        Map<String, Long> map = new HashMap<>();
        if (!Files.exists(file)) {
            return map;
        }
        try {
            JsonObject json = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
            for (String log : json.fieldNames()) {
                if (json.getValue(log) instanceof Number n && n.longValue() >= 0) {
                    map.put(log, n.longValue());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("progress file {} is unreadable ({}); logs start at their tree heads", file, e.getMessage());
        }
        return map;
    }

    @Override
    public Future<Long> load(String logUrl) {
        Future<Void> ready = loaded == null ? Future.succeededFuture() : loaded;
        return ready.map(v -> nextIndexByLog.get(logUrl));
    }

    @Override
    public void save(String logUrl, long nextIndex) {
        Long previous = nextIndexByLog.get(logUrl);
        if (previous == null || previous != nextIndex) {
            nextIndexByLog.put(logUrl, nextIndex);
            dirty = true;
        }
    }

    @Override
    public synchronized Future<Void> flush() {
        dirty = false;
        String snapshot = new JsonObject(new HashMap<>(nextIndexByLog)).encodePrettily();
        // Writes are chained so that an older snapshot can never land after a newer one.
        writing = writing.transform(ignored -> vertx.executeBlocking(() -> {
            write(snapshot);
            return null;
        }, false));
        return writing.onFailure(e -> LOG.error("cannot write progress file {}: {}", file, e.getMessage()));
    }

    private void write(String snapshot) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".progress", ".tmp");
        Files.writeString(temp, snapshot, StandardCharsets.UTF_8);
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Stops periodic flushing and writes the last state. */
    public Future<Void> close() {
        vertx.cancelTimer(flushTimer);
        return flush();
    }
}

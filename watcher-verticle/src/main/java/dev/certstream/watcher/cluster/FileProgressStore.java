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
 * Single-JVM progress: one JSON file, read once at start and rewritten atomically (temp file + rename) at
 * most every flush interval, on a worker thread. A crash loses at most one interval of progress, which
 * means re-publishing a few entries, never skipping any. Thread-safe.
 * <p>
 * Format 2: {@code {"format": 2, "logs": {log URL: LogProgress JSON}}}; the format-1 file of earlier
 * versions, {@code {log URL: next index}}, still loads (its logs then have no frontier, and verification
 * starts again from a proof). A format this version does not know is refused rather than overwritten.
 */
public final class FileProgressStore implements ProgressStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileProgressStore.class);

    private final Vertx vertx;
    private final Path file;
    /** The format written; readers of an older version see a file they refuse rather than misread. */
    static final int FORMAT = 2;

    private final Map<String, LogProgress> progressByLog = new ConcurrentHashMap<>();
    private Future<Void> loaded;
    private volatile boolean dirty;
    private long flushTimer = -1;
    private Future<Void> writing = Future.succeededFuture();

    public FileProgressStore(Vertx vertx, Path file) {
        this.vertx = vertx;
        this.file = file;
    }

    /**
     * Reads the file (absent is fine; unreadable is logged and treated as empty) and starts periodic
     * flushing; fails, and never writes, when the file is of a newer format.
     */
    public Future<Void> open(long flushIntervalMs) {
        loaded = vertx.executeBlocking(this::read, false).map(map -> {
            progressByLog.putAll(map);
            flushTimer = vertx.setPeriodic(flushIntervalMs, t -> {
                if (dirty) {
                    flush();
                }
            });
            return (Void) null;
        });
        return loaded;
    }

    private Map<String, LogProgress> read() {
        if (!Files.exists(file)) {
            return new HashMap<>();
        }
        JsonObject json;
        try {
            json = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            LOG.error("progress file {} is unreadable ({}); logs start at their tree heads", file, e.getMessage());
            return new HashMap<>();
        }
        try {
            return parse(json);
        } catch (NewerFormatException e) {
            // Written by a newer version: overwriting it would lose what that version knows.
            throw new IllegalStateException("progress file " + file + ": " + e.getMessage() + "; refusing to start", e);
        } catch (RuntimeException e) {
            LOG.error("progress file {} is unreadable ({}); logs start at their tree heads", file, e.getMessage());
            return new HashMap<>();
        }
    }

    /** The progress a file holds, in either format; a bad record loses its log only. */
    static Map<String, LogProgress> parse(JsonObject json) throws NewerFormatException {
        Map<String, LogProgress> map = new HashMap<>();
        Object format = json.getValue("format");
        if (format == null) {
            for (String log : json.fieldNames()) {
                if (json.getValue(log) instanceof Number n && n.longValue() >= 0) {
                    map.put(log, LogProgress.at(n.longValue()));
                }
            }
            return map;
        }
        if (!Integer.valueOf(FORMAT).equals(format)) {
            throw new NewerFormatException("format " + format + " is not this version's " + FORMAT);
        }
        JsonObject logs = json.getJsonObject("logs", new JsonObject());
        for (String log : logs.fieldNames()) {
            try {
                map.put(log, LogProgress.fromJson(logs.getJsonObject(log)));
            } catch (IllegalArgumentException | ClassCastException e) {
                LOG.error("progress of {} is unreadable ({}); that log starts at its tree head", log, e.getMessage());
            }
        }
        return map;
    }

    @Override
    public Future<LogProgress> loadProgress(String logUrl) {
        Future<Void> ready = loaded == null ? Future.succeededFuture() : loaded;
        return ready.map(v -> progressByLog.get(logUrl));
    }

    @Override
    public void save(String logUrl, LogProgress progress) {
        if (!progress.equals(progressByLog.put(logUrl, progress))) {
            dirty = true;
        }
    }

    @Override
    public synchronized Future<Void> flush() {
        if (loaded != null && loaded.failed()) {
            return Future.failedFuture(loaded.cause());
        }
        dirty = false;
        JsonObject logs = new JsonObject();
        progressByLog.forEach((log, progress) -> logs.put(log, progress.toJson()));
        String snapshot = new JsonObject().put("format", FORMAT).put("logs", logs).encodePrettily();
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

    /** A progress file of a format this version cannot read. */
    static final class NewerFormatException extends Exception {
        NewerFormatException(String message) {
            super(message);
        }
    }

    /** Stops periodic flushing and writes the last state. */
    public Future<Void> close() {
        vertx.cancelTimer(flushTimer);
        return flush();
    }
}

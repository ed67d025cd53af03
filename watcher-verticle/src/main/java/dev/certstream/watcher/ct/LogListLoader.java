package dev.certstream.watcher.ct;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Gets the log list: from its URL (http(s) or file), else the last good copy of that URL on disk, else
 * (for Google's list only) the snapshot bundled in the jar, so that the watcher starts even with no
 * network; every good fetch replaces the copy on disk. When the list must be signed (Google's), a list
 * whose detached signature does not verify is refused like an unreachable one: the last good copy stays.
 */
public final class LogListLoader {

    private static final Logger LOG = LoggerFactory.getLogger(LogListLoader.class);
    static final String BUNDLED = "/log_list.snapshot.json";

    private final Vertx vertx;
    private final CtHttpClient http;
    private final URI url;
    private final Path lastGood;
    private final LogListParser parser;
    private final boolean bundledFallback;
    private final LogListSignature signature;

    /** @param signature the signature the list must carry, or null to take it as it is */
    public LogListLoader(Vertx vertx, CtHttpClient http, URI url, Path dataDir, LogListParser parser, boolean bundledFallback,
                         LogListSignature signature) {
        this.vertx = vertx;
        this.http = http;
        this.url = url;
        this.lastGood = lastGoodCopy(dataDir, url);
        this.parser = parser;
        this.bundledFallback = bundledFallback;
        this.signature = signature;
    }

    /** Where the last good copy of the list at {@code url} is kept: one file per URL, so no list stands in for another. */
    public static Path lastGoodCopy(Path dataDir, URI url) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(url.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return dataDir.resolve("log_list-" + java.util.HexFormat.of().formatHex(digest, 0, 6) + ".json");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** At start: the list from its URL, the disk copy, or the bundled snapshot, whichever works first. */
    public Future<LogList> initial() {
        return fetch().recover(network -> {
            LOG.warn("log list {} unavailable ({}); trying the last good copy {}", url, network.getMessage(), lastGood);
            return readFile(lastGood).map(parser::parse);
        }).recover(disk -> {
            if (!bundledFallback) {
                return Future.failedFuture("no log list from " + url + " and no copy of it on disk ("
                        + disk.getMessage() + "); the bundled snapshot stands in for Google's list only");
            }
            LOG.warn("no usable log list copy on disk ({}); using the snapshot bundled in the jar", disk.getMessage());
            return vertx.executeBlocking(LogListLoader::bundled, false).map(parser::parse);
        });
    }

    /**
     * The list from its URL, its signature checked when it must be signed, parsed and saved as the last good
     * copy; fails (keeping nothing) otherwise.
     */
    public Future<LogList> fetch() {
        Future<Buffer> body = read(url);
        if (signature != null) {
            body = body.compose(list -> read(signature.url()).map(sig -> {
                signature.verify(list.getBytes(), sig.getBytes());
                return list;
            }));
        }
        return body.compose(bytes -> {
            LogList list = parser.parse(bytes);
            return save(bytes).map(list);
        });
    }

    private Future<Buffer> read(URI location) {
        return "file".equalsIgnoreCase(location.getScheme())
                ? readFile(Path.of(location)) : http.get(location.toString()).map(CtHttpClient::wrap);
    }

    private Future<Buffer> readFile(Path path) {
        return vertx.executeBlocking(() -> Buffer.buffer(Files.readAllBytes(path)), false);
    }

    private Future<Void> save(Buffer bytes) {
        return vertx.executeBlocking(() -> {
            Path dir = lastGood.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".log_list", ".tmp");
            Files.write(temp, bytes.getBytes());
            Files.move(temp, lastGood, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return (Void) null;
        }, false).recover(e -> {
            LOG.warn("cannot keep the log list copy at {}: {}", lastGood, e.getMessage());
            return Future.succeededFuture();
        });
    }

    static Buffer bundled() throws IOException {
        try (InputStream in = LogListLoader.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IOException("the bundled log list " + BUNDLED + " is missing from the jar");
            }
            return Buffer.buffer(in.readAllBytes());
        }
    }
}

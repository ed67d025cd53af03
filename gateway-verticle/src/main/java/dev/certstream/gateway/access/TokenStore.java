package dev.certstream.gateway.access;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The API tokens in force, by hash, reloaded from the tokens file when its modification time or size
 * changes (a Kubernetes Secret update swaps the file), without a restart. {@link #reloadIfChanged} does
 * file I/O: call it off the event loop. Lookups are lock-free.
 */
public final class TokenStore {

    private static final Logger LOG = LoggerFactory.getLogger(TokenStore.class);

    private final ClientLimits limits;
    private volatile Map<String, TokenGrant> grants = Map.of();
    private long lastModified = Long.MIN_VALUE;
    private long lastSize = -1;

    public TokenStore(ClientLimits limits) {
        this.limits = limits;
    }

    /** Whether a tokens file is configured at all. */
    public boolean enabled() {
        return limits.tokensFile() != null;
    }

    /** The grant of a presented token, or null when it is not one of ours. */
    public TokenGrant lookup(String token) {
        return token == null ? null : grants.get(TokenFile.sha256(token));
    }

    public int size() {
        return grants.size();
    }

    /** Reads the file again if it changed since the last read; true when the tokens were replaced. */
    public synchronized boolean reloadIfChanged() {
        Path file = limits.tokensFile();
        if (file == null) {
            return false;
        }
        try {
            long modified = Files.getLastModifiedTime(file).to(java.util.concurrent.TimeUnit.NANOSECONDS);
            long size = Files.size(file);
            if (modified == lastModified && size == lastSize) {
                return false;
            }
            Map<String, TokenGrant> loaded = TokenFile.parse(Files.readAllLines(file, StandardCharsets.UTF_8),
                    limits.tokenMaxStreams(), limits.tokenStreamsPerMinute(), file.toString());
            grants = Map.copyOf(loaded);
            lastModified = modified;
            lastSize = size;
            LOG.info("loaded {} API tokens from {}", loaded.size(), file);
            return true;
        } catch (NoSuchFileException e) {
            if (lastSize != -2) {
                LOG.warn("tokens file {} does not exist (yet); no token is valid until it does", file);
                lastSize = -2;
                grants = Map.of();
            }
            return false;
        } catch (IOException e) {
            LOG.warn("could not read tokens file {}: {}; keeping the {} tokens loaded before", file, e.toString(), grants.size());
            return false;
        }
    }
}

package dev.certstream.gateway.resume;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The replay buffer's files: one directory per gateway process under {@code <data dir>/replay/}, held by a
 * file lock while the process lives, with append-only segment files of compressed blocks. Directories of
 * processes that are gone (their lock is free) are deleted at start. The page cache, not the heap, holds
 * what is read often. Appends come from the writer thread only; reads from any thread.
 */
final class SegmentFiles implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentFiles.class);

    private final Path dir;
    private final long segmentBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Map<Integer, FileChannel> open = new ConcurrentHashMap<>();
    private int current = -1;
    private long currentSize;

    /**
     * @param root         the buffers' parent directory ({@code <data dir>/replay})
     * @param name         this process's directory name
     * @param segmentBytes a segment file is closed for appends past this size
     */
    SegmentFiles(Path root, String name, long segmentBytes) {
        this.segmentBytes = segmentBytes;
        try {
            Files.createDirectories(root);
            deleteAbandoned(root);
            dir = Files.createDirectories(root.resolve(name));
            lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the replay buffer directory " + root + ": " + e.getMessage(), e);
        }
    }

    Path directory() {
        return dir;
    }

    /** The directories of gateway processes that ended without cleaning up: nobody holds their lock. */
    private static void deleteAbandoned(Path root) throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path other : dirs) {
                Path lockFile = other.resolve("lock");
                boolean free;
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock held = channel.tryLock()) {
                    free = held != null;
                } catch (java.nio.channels.OverlappingFileLockException | IOException e) {
                    free = false;
                }
                if (free) {
                    LOG.info("deleting the abandoned replay buffer {}", other);
                    deleteTree(other);
                }
            }
        }
    }

    /** Appends a block, starting a new segment when the current one is full; returns where it went. */
    long[] append(byte[] block) throws IOException {
        if (current < 0 || currentSize + block.length > segmentBytes && currentSize > 0) {
            current++;
            currentSize = 0;
        }
        FileChannel channel = channel(current);
        long offset = currentSize;
        ByteBuffer bytes = ByteBuffer.wrap(block);
        while (bytes.hasRemaining()) {
            channel.write(bytes, offset + bytes.position());
        }
        currentSize += block.length;
        return new long[] {current, offset};
    }

    byte[] read(int segment, long offset, int length) throws IOException {
        FileChannel channel = open.get(segment);
        if (channel == null) {
            throw new IOException("segment " + segment + " was deleted");
        }
        ByteBuffer bytes = ByteBuffer.allocate(length);
        while (bytes.hasRemaining()) {
            if (channel.read(bytes, offset + bytes.position()) < 0) {
                throw new IOException("segment " + segment + " ends before " + (offset + length));
            }
        }
        return bytes.array();
    }

    /** Deletes a segment none of whose blocks is in the index any more. */
    void delete(int segment) {
        FileChannel channel = open.remove(segment);
        try {
            if (channel != null) {
                channel.close();
            }
            Files.deleteIfExists(file(segment));
        } catch (IOException e) {
            LOG.warn("could not delete replay segment {}: {}", file(segment), e.toString());
        }
    }

    private FileChannel channel(int segment) {
        return open.computeIfAbsent(segment, n -> {
            try {
                return FileChannel.open(file(n), StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private Path file(int segment) {
        return dir.resolve(String.format("segment-%08d", segment));
    }

    @Override
    public void close() {
        open.keySet().forEach(this::delete);
        try {
            if (lock != null) {
                lock.release();
            }
            lockChannel.close();
            deleteTree(dir);
        } catch (IOException e) {
            LOG.warn("could not remove the replay buffer {}: {}", dir, e.toString());
        }
    }

    private static void deleteTree(Path path) throws IOException {
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

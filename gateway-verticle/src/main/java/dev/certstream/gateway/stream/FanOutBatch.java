package dev.certstream.gateway.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * One fan-out window written as one run of frames per socket: while it is open, each {@link SessionSet} keeps
 * the certificates meant for its plain websocket clients instead of writing them one by one; when it ends,
 * each set writes its certificates of each stream to each such socket in one write (a socket that cannot take
 * them at once gets them one by one, queued and dropped as ever). Per socket that is one pass through Netty
 * per window instead of one per certificate, the cost that dominated a burst's fan-out (profiled: the frame
 * encoder, a direct copy and a promise per message). Only the instance's event loop touches it.
 *
 * <p>A run covers at most {@code maxRunBytes} of frames (a socket's buffer: no socket takes more at once),
 * and a window is written as consecutive runs ({@link WindowRuns}) while a socket takes them, its frames
 * built only as far as some socket got and at most {@link #WINDOW_RUNS} socket buffers per stream, so the
 * shared frames of a window, direct memory, stay bounded however many certificates it holds (a catch-up's
 * windows hold hundreds); the rest of the window goes message by message, through each socket's queue.
 */
final class FanOutBatch {

    /**
     * Socket buffers of frames built per stream and window at most: 1 MB at the default 64 KB, ~400 lite or
     * ~100 full-stream certificates, within the 4 MB a socket's queue holds anyway.
     */
    static final int WINDOW_RUNS = 16;

    private final int maxRunBytes;
    private final ClientRegistry registry;
    private boolean open;
    private final List<SessionSet> deferring = new ArrayList<>();

    FanOutBatch(int maxRunBytes, ClientRegistry registry) {
        this.maxRunBytes = maxRunBytes;
        this.registry = registry;
    }

    /** A shared frame of {@code bytes} was built for this window (counted in {@code /stats} {@code fanout}). */
    void framed(int bytes) {
        registry.framed(bytes);
    }

    /** At most this many bytes of frames per stream and window go into a run. */
    int maxRunBytes() {
        return maxRunBytes;
    }

    /** At most this many bytes of frames are built per stream and window. */
    int maxWindowFrameBytes() {
        return maxRunBytes * WINDOW_RUNS;
    }

    boolean isOpen() {
        return open;
    }

    void begin() {
        open = true;
    }

    /** {@code set} kept certificates back: it writes them when the batch ends. */
    void deferred(SessionSet set) {
        deferring.add(set);
    }

    /** Writes what every set kept back, then gives back the frames built for it. */
    void end() {
        open = false;
        try {
            for (SessionSet set : deferring) {
                set.writeDeferred();
            }
        } finally {
            for (SessionSet set : deferring) {
                set.releaseDeferred();
            }
            deferring.clear();
        }
    }
}

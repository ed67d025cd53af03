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
 */
final class FanOutBatch {

    private boolean open;
    private final List<SessionSet> deferring = new ArrayList<>();

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

package dev.certstream.gateway.stream;

import dev.certstream.contract.StreamKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One stream's certificates of a fan-out window as consecutive runs of shared frames, each about a socket
 * buffer long, built the first time a socket reaches it. A socket whose connection took a run at once (the
 * kernel had room) goes on with the next one, so a catch-up window of hundreds of certificates reaches a
 * client that keeps up in a few writes rather than one Vert.x frame write per certificate (those were 45 %
 * of the server's CPU in a start-up catch-up with 120 clients). The frames a window builds are bounded by
 * {@link FanOutBatch#maxWindowFrameBytes}; past it, and for a socket that is full, the rest goes message by
 * message as before.
 * Only the instance's event loop touches it.
 */
final class WindowRuns {

    /** One run: where its first certificate is in the window, where each frame ends in it, and the frames. */
    record Run(int start, int[] ends, ByteBuf frames) {
    }

    private final List<Outgoing.Certificate> messages;
    private final StreamKind kind;
    private final FanOutBatch batch;
    private final List<Run> runs = new ArrayList<>();
    private int framedBytes;

    WindowRuns(List<Outgoing.Certificate> messages, StreamKind kind, FanOutBatch batch) {
        this.messages = messages;
        this.kind = kind;
        this.batch = batch;
    }

    List<Outgoing.Certificate> messages() {
        return messages;
    }

    /** The {@code i}-th run, built now if no socket reached it before; null past the window or the bound. */
    Run run(int i) {
        if (i < runs.size()) {
            return runs.get(i);
        }
        if (i > runs.size()) {
            throw new IllegalArgumentException("runs are reached in order: " + i + " after " + runs.size());
        }
        int start = i == 0 ? 0 : end(runs.get(i - 1));
        if (start >= messages.size() || (i > 0 && framedBytes >= batch.maxWindowFrameBytes())) {
            return null;
        }
        int[] ends = ends(start);
        Run run = new Run(start, ends, frames(messages.subList(start, start + ends.length)));
        runs.add(run);
        return run;
    }

    /** The window's index just after the run. */
    static int end(Run run) {
        return run.start() + run.ends().length;
    }

    /** Gives back the runs' references (the sockets' writes hold their own). */
    void release() {
        runs.forEach(run -> run.frames().release());
        runs.clear();
    }

    /**
     * Where each frame of the run from {@code start} ends, counted from the run's start: frames up to the
     * batch's run bytes, and the one that crosses them. Only these frames are built (each counted once).
     */
    private int[] ends(int start) {
        int max = batch.maxRunBytes();
        int[] ends = new int[messages.size() - start];
        int count = 0;
        int bytes = 0;
        while (start + count < messages.size() && bytes < max) {
            Outgoing.Certificate message = messages.get(start + count);
            boolean built = message.hasFrame(kind);
            int length = message.frame(kind).readableBytes();
            if (!built) {
                batch.framed(length);
                framedBytes += length;
            }
            bytes += length;
            ends[count++] = bytes;
        }
        return count == ends.length ? ends : Arrays.copyOf(ends, count);
    }

    /** The certificates' frames one after the other, shared (not copied) from the frames each built once. */
    private ByteBuf frames(List<Outgoing.Certificate> run) {
        if (run.size() == 1) {
            return run.get(0).frame(kind).retainedDuplicate();
        }
        CompositeByteBuf frames = ByteBufAllocator.DEFAULT.compositeDirectBuffer(run.size());
        for (Outgoing.Certificate message : run) {
            frames.addComponent(true, message.frame(kind).retainedDuplicate());
        }
        return frames;
    }
}

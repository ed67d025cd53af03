package dev.certstream.node;

import io.netty.util.concurrent.SingleThreadEventExecutor;
import io.vertx.core.Context;
import io.vertx.core.internal.ContextInternal;

/**
 * How many tasks wait on a verticle's event loop: with the event bus delivering one task per message and
 * having no back-pressure, this is how far a consumer is behind. Thread-safe to read from anywhere.
 */
public final class EventLoopBacklog {

    private final Object loop;

    /** The backlog of the event loop {@code context} runs on. */
    public EventLoopBacklog(Context context) {
        this.loop = ((ContextInternal) context).nettyEventLoop();
    }

    /** Tasks waiting now, or -1 when the loop cannot tell. */
    public int pendingTasks() {
        return loop instanceof SingleThreadEventExecutor executor ? executor.pendingTasks() : -1;
    }
}

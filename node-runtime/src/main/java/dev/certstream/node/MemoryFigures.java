package dev.certstream.node;

import io.netty.util.internal.PlatformDependent;
import io.vertx.core.json.JsonObject;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;

/**
 * This JVM's memory as {@code /stats} shows it: heap (used, committed, max), direct memory (the JDK's
 * direct buffers and Netty's own counted allocations, against the direct-memory bound), metaspace and the
 * {@link HeapGuard}'s state.
 * Read from the management beans on each call: cheap enough for a stats page.
 */
public final class MemoryFigures {

    private MemoryFigures() {
    }

    /** {@code {"heap": {...}, "direct": {...}, "metaspace": {...}, "heap_guard": {...}}} in bytes; -1 where the JVM does not say. */
    public static JsonObject json() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new JsonObject()
                .put("heap", new JsonObject().put("used", heap.getUsed()).put("committed", heap.getCommitted())
                        .put("max", heap.getMax()))
                .put("direct", new JsonObject().put("used", directUsed()).put("netty_used", nettyDirectUsed())
                        .put("max", PlatformDependent.maxDirectMemory()))
                .put("metaspace", new JsonObject().put("used", poolUsed("Metaspace")))
                .put("heap_guard", HeapGuard.json());
    }

    /** Bytes of JDK direct buffers (NIO, and Netty's when it allocates through the JDK). */
    public static long directUsed() {
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                return pool.getMemoryUsed();
            }
        }
        return -1;
    }

    /** Bytes Netty allocated directly (without the JDK's accounting), or -1 when Netty does not count them. */
    public static long nettyDirectUsed() {
        return PlatformDependent.usedDirectMemory();
    }

    private static long poolUsed(String name) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals(name)) {
                return pool.getUsage().getUsed();
            }
        }
        return -1;
    }
}

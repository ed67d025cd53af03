package dev.certstream.testing;

import java.lang.management.ManagementFactory;

/**
 * Fails a fuzz input whose decoding allocates far more than the input could justify (a declared length
 * believed before it was checked against the bytes at hand), measured with the JVM's per-thread
 * allocation counter.
 */
public final class AllocationBound {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Work that may throw the decoder's documented exception. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    private AllocationBound() {
    }

    /**
     * Runs {@code work} and throws AssertionError when it allocated more than
     * {@code fixedBytes + perInputByte * inputLength} bytes.
     */
    public static void check(int inputLength, long perInputByte, long fixedBytes, Work work) throws Exception {
        long bound = fixedBytes + perInputByte * inputLength;
        long allocated = measure(work);
        if (allocated > bound) {
            // Once more: the first run of newly reached code pays for class loading and the fuzzer's own
            // instrumentation; an allocation the input causes happens again, the same size.
            allocated = measure(work);
            if (allocated > bound) {
                throw new AssertionError(allocated + " bytes allocated for a " + inputLength + "-byte input (bound " + bound + ")");
            }
        }
    }

    private static long measure(Work work) throws Exception {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        work.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }
}

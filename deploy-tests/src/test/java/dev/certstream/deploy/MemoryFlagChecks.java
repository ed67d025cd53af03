package dev.certstream.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a JVM's command line bounds everything that grows (heap, direct memory, metaspace, code cache,
 * thread stacks, JIT threads), picks a collector, exits on OutOfMemoryError, and, in a container with a
 * memory limit, fits: heap (a share of the limit, or -Xmx) plus the direct, metaspace and code cache caps
 * must stay under the limit, or the kernel kills the pod before the JVM sheds anything.
 */
final class MemoryFlagChecks {

    static final List<String> REQUIRED = List.of("-XX:+ExitOnOutOfMemoryError", "-XX:MaxDirectMemorySize=",
            "-XX:MaxMetaspaceSize=", "-XX:ReservedCodeCacheSize=", "-Xss", "-XX:CICompilerCount=");

    private MemoryFlagChecks() {
    }

    /** Problems of {@code args} (the JVM's arguments, last occurrence wins) for a container of {@code limitBytes} (0: none). */
    static List<String> check(String where, List<String> args, long limitBytes) {
        List<String> problems = new ArrayList<>();
        for (String flag : REQUIRED) {
            if (last(args, flag).isEmpty()) {
                problems.add(where + ": no " + flag);
            }
        }
        if (args.stream().noneMatch(a -> a.matches("-XX:\\+Use[A-Za-z0-9]+GC"))) {
            problems.add(where + ": no garbage collector chosen");
        }
        Optional<String> xmx = last(args, "-Xmx");
        Optional<String> percent = last(args, "-XX:MaxRAMPercentage=");
        if (xmx.isEmpty() && percent.isEmpty()) {
            problems.add(where + ": the heap is not bounded (-Xmx or -XX:MaxRAMPercentage)");
            return problems;
        }
        if (limitBytes <= 0) {
            return problems;
        }
        long heap = xmx.map(MemoryFlagChecks::bytes)
                .orElseGet(() -> (long) (limitBytes * Double.parseDouble(percent.get()) / 100));
        long total = heap + last(args, "-XX:MaxDirectMemorySize=").map(MemoryFlagChecks::bytes).orElse(heap)
                + last(args, "-XX:MaxMetaspaceSize=").map(MemoryFlagChecks::bytes).orElse(0L)
                + last(args, "-XX:ReservedCodeCacheSize=").map(MemoryFlagChecks::bytes).orElse(0L);
        if (total > limitBytes) {
            problems.add(String.format(Locale.ROOT, "%s: heap %d MiB + direct, metaspace and code cache caps = %d MiB,"
                    + " over the container limit of %d MiB", where, heap >> 20, total >> 20, limitBytes >> 20));
        }
        return problems;
    }

    /** The value of the last argument starting with {@code prefix}. */
    static Optional<String> last(List<String> args, String prefix) {
        String found = null;
        for (String arg : args) {
            if (arg.startsWith(prefix)) {
                found = arg.substring(prefix.length());
            }
        }
        return Optional.ofNullable(found);
    }

    /** {@code 160m}, {@code 1g}, {@code 512k} or plain bytes. */
    static long bytes(String size) {
        String s = size.trim().toLowerCase(Locale.ROOT);
        long unit = switch (s.charAt(s.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
    }
}

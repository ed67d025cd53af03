package dev.certstream.node;

/**
 * Makes a role's JVM exit on OutOfMemoryError even when started without -XX:+ExitOnOutOfMemoryError:
 * an OOM'd cluster member that keeps running holds its ports and blocks others from joining.
 */
public final class JvmGuard {

    private JvmGuard() {
    }

    public static void install() {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            if (failure instanceof OutOfMemoryError) {
                // halt, not exit: shutdown hooks could need memory we no longer have.
                Runtime.getRuntime().halt(3);
            }
            if (previous != null) {
                previous.uncaughtException(thread, failure);
            } else {
                failure.printStackTrace(); // last resort: no logger is safe to use here
            }
        });
    }
}

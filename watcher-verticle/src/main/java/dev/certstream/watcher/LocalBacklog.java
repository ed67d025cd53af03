package dev.certstream.watcher;

import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * How far behind the certificate consumers in the watcher's own JVM are (the embedded server's gateway),
 * so that the watcher holds its publishing instead of making them shed: it stops at half the consumers'
 * shedding bound and goes on at a quarter of it. Clustered watchers have no such consumer ({@link #NONE}):
 * the event bus between JVMs carries no back-pressure, and gateways there shed on arrival.
 *
 * @param tasks     tasks waiting on the most loaded consumer's event loop
 * @param shedAbove the consumers shed certificates past this many tasks
 */
public record LocalBacklog(IntSupplier tasks, int shedAbove) {

    /** No consumer in this JVM: publishing never waits. */
    public static final LocalBacklog NONE = new LocalBacklog(() -> 0, Integer.MAX_VALUE);

    public LocalBacklog {
        Objects.requireNonNull(tasks, "tasks");
        if (shedAbove < 4) {
            throw new IllegalArgumentException("shedAbove must be at least 4: " + shedAbove);
        }
    }

    int holdAbove() {
        return shedAbove / 2;
    }

    int resumeAt() {
        return shedAbove / 4;
    }
}

package dev.certstream.watcher;

/** Entry point of the watcher deployable (wired up as the watcher lands). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        throw new UnsupportedOperationException("watcher not wired yet");
    }
}

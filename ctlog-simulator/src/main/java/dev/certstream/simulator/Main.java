package dev.certstream.simulator;

/** Placeholder entry point until the simulator lands. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        throw new UnsupportedOperationException("simulator not built yet");
    }
}

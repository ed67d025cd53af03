package dev.certstream.watcher;

import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the watcher deployable: {@code parse FILE...} renders certificate files as the full
 * stream's {@code leaf_cert}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        List<String> arguments = Arrays.asList(args);
        if (!arguments.isEmpty() && arguments.get(0).equals("parse")) {
            System.exit(ParseCommand.run(arguments.subList(1, arguments.size()), System.out));
        }
        System.err.println("usage: parse FILE...");
        System.exit(2);
    }
}

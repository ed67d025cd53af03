package dev.certstream.systest.client;

import dev.certstream.systest.process.RepoPaths;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** A code example of the README, between {@code <!-- name:start -->} and {@code <!-- name:end -->}, so tests run what people copy. */
public final class ReadmeExample {

    private ReadmeExample() {
    }

    /** The fenced Python block between the markers. */
    public static String python(String name) {
        String readme;
        try {
            readme = Files.readString(RepoPaths.root().resolve("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = readme.indexOf("<!-- " + name + ":start -->");
        int end = readme.indexOf("<!-- " + name + ":end -->");
        if (start < 0 || end < start) {
            throw new AssertionError("README.md has no example " + name);
        }
        String block = readme.substring(start, end);
        int code = block.indexOf("```python\n");
        int close = block.lastIndexOf("```");
        if (code < 0 || close <= code) {
            throw new AssertionError("the example " + name + " has no ```python block");
        }
        return block.substring(code + "```python\n".length(), close);
    }
}

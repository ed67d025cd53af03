package dev.certstream.systest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The measurements a cluster test makes (takeover and removal times, call durations, outcomes), logged
 * as they are made and written to one file at the end, so a run's figures can be read without the noise
 * of seven JVMs' logs.
 */
public final class ClusterReport {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterReport.class);

    private final String title;
    private final List<String> lines = new ArrayList<>();

    ClusterReport(String title) {
        this.title = title;
    }

    /** Adds one line ({@link String#format} with the root locale). */
    public synchronized void add(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        lines.add(line);
        LOG.info("[{}] {}", title, line);
    }

    synchronized String text() {
        return "==== " + title + "\n" + String.join("\n", lines) + "\n";
    }

    /** Writes the report to {@code file} and logs it whole. */
    void write(Path file) {
        String text = text();
        LOG.info("\n{}", text);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            LOG.warn("cannot write {}: {}", file, e.toString());
        }
    }
}

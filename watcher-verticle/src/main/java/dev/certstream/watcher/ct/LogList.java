package dev.certstream.watcher.ct;

import java.util.List;

/**
 * The logs a log list tells us to follow, and why the others were left out.
 *
 * @param logs    the logs to follow, in list order, without duplicates
 * @param skipped one line per entry left out ("<url or position>: <reason>")
 */
public record LogList(List<LogSource> logs, List<String> skipped) {

    public LogList {
        logs = List.copyOf(logs);
        skipped = List.copyOf(skipped);
    }
}

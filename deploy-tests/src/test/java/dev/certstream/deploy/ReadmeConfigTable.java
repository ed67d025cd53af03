package dev.certstream.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's configuration table (the rows of its {@code ## Configuration} section) as variable to
 * documented default, and how it differs from what the config records read ({@link ConfigDefaults}).
 */
final class ReadmeConfigTable {

    private static final Pattern NAME = Pattern.compile("`([A-Z][A-Z0-9_]*)`");

    /**
     * Defaults that are expressions in the code and words in the README, each with why it cannot be a
     * single value; the README must say exactly this.
     */
    static final Map<String, String> DESCRIBED = Map.of(
            // Follows the list URL: only Google's list may fall back to the snapshot of it bundled in the jar.
            "CERTSTREAM_BUNDLED_LOG_LIST", "`true` for Google's list, else `false`",
            // Follows the list URL: Google's lists are signed, others cannot be checked with Google's key.
            "CERTSTREAM_LOG_LIST_SIGNED", "`true` for Google's v3 lists at gstatic, else `false`",
            // Follows the filter index's byte bound: as many values as it holds at the cheapest.
            "CERTSTREAM_FILTER_MAX_PATTERNS", "`CERTSTREAM_FILTER_MAX_INDEX_BYTES` / 560 (44,938)");

    private ReadmeConfigTable() {
    }

    /** Variable to its default cell, backticks removed (a row may name several: {@code `A`, `B`} and {@code `1s`, `2m`}). */
    static Map<String, String> parse(String readme) {
        int start = readme.indexOf("\n## Configuration");
        if (start < 0) {
            throw new AssertionError("the README has no '## Configuration' section");
        }
        int end = readme.indexOf("\n## ", start + 1);
        Map<String, String> table = new TreeMap<>();
        for (String line : readme.substring(start, end < 0 ? readme.length() : end).split("\n")) {
            String[] cells = line.split("(?<!\\\\)\\|");
            if (!line.startsWith("|") || cells.length < 4) {
                continue;
            }
            List<String> names = new ArrayList<>();
            Matcher m = NAME.matcher(cells[1]);
            while (m.find()) {
                names.add(m.group(1));
            }
            String cell = cells[2].trim();
            String[] defaults = names.size() > 1 ? cell.split(",\\s*") : new String[] {cell};
            for (int i = 0; i < names.size(); i++) {
                String raw = i < defaults.length ? defaults[i].trim() : "";
                table.put(names.get(i), DESCRIBED.containsKey(names.get(i)) ? raw : raw.replace("`", ""));
            }
        }
        return table;
    }

    /** Every difference between the table and the code, as sentences; empty when they agree. */
    static List<String> drift(Map<String, String> table, Map<String, Set<String>> code) {
        List<String> problems = new ArrayList<>();
        code.forEach((variable, defaults) -> {
            String documented = table.get(variable);
            if (documented == null) {
                problems.add(variable + " is read (default " + defaults + ") but missing from the README table");
                return;
            }
            String expected = DESCRIBED.getOrDefault(variable, null);
            for (String value : defaults) {
                boolean agrees = expected != null ? documented.equals(expected) : documented.equals(value);
                if (!agrees) {
                    problems.add(variable + ": the README says '" + documented + "', the code's default is '"
                            + (expected != null ? expected : value) + "'");
                }
            }
            if (defaults.isEmpty() && !documented.equals("—")) {
                problems.add(variable + " has no default in the code, the README says '" + documented + "'");
            }
        });
        table.keySet().stream().filter(v -> v.startsWith("CERTSTREAM_") || v.equals("PORT"))
                .filter(v -> !code.containsKey(v))
                .forEach(v -> problems.add(v + " is in the README table but no config record reads it"));
        return problems;
    }
}

package dev.certstream.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every {@code CERTSTREAM_*} and {@code PORT} variable the config records read ({@code env.integer("X", 256,
 * ...)} and the like) and the logback placeholders ({@code ${X:-INFO}}), each with its default written as the
 * README writes it: {@code 5s}, {@code 4194304}, {@code var}, {@code CPUs}, {@code —} for none. A default the
 * scan cannot reduce to such a word (an expression) is kept as {@code ?expression}.
 */
final class ConfigDefaults {

    private static final Pattern READ = Pattern.compile(
            "env\\.(integer|longValue|duration|string|bool|url|list|choice|raw)\\(\\s*\"(PORT|CERTSTREAM_[A-Z0-9_]+)\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(CERTSTREAM_[A-Z0-9_]+):-([^}]*)}");
    private static final Pattern DURATION = Pattern.compile("Duration\\.of(Millis|Seconds|Minutes|Hours)\\((\\d+)\\)");
    private static final Map<String, String> UNITS = Map.of("Millis", "ms", "Seconds", "s", "Minutes", "m", "Hours", "h");

    private ConfigDefaults() {
    }

    /** Variable to the defaults found for it (one per place that reads it; a raw read adds none). */
    static Map<String, Set<String>> scan(Path root) {
        Map<String, Set<String>> defaults = new TreeMap<>();
        ConfigSources.configRecords(root).filter(f -> f.toString().contains("/src/main/")).forEach(file -> {
            String text = ConfigSources.read(file);
            Matcher m = READ.matcher(text);
            while (m.find()) {
                Set<String> found = defaults.computeIfAbsent(m.group(2), k -> new TreeSet<>());
                if (!m.group(1).equals("raw")) {
                    found.add(readme(m.group(1), secondArgument(text, m.end()), text));
                }
            }
        });
        ConfigSources.files(root, ".xml").filter(f -> f.toString().contains("/src/main/resources/")).forEach(file -> {
            Matcher m = PLACEHOLDER.matcher(ConfigSources.read(file));
            while (m.find()) {
                defaults.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
            }
        });
        return defaults;
    }

    /** The argument after the variable's name, up to the next comma or parenthesis at its own depth. */
    static String secondArgument(String text, int afterName) {
        int at = text.indexOf(',', afterName);
        int close = text.indexOf(')', afterName);
        if (at < 0 || (close >= 0 && close < at)) {
            return "";
        }
        int depth = 0;
        StringBuilder arg = new StringBuilder();
        for (int i = at + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == ',' || c == ')') && depth == 0) {
                break;
            }
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            arg.append(c);
        }
        return arg.toString().trim();
    }

    /** A default expression as the README writes it, resolving constants and one-line methods of the same file. */
    static String readme(String kind, String expression, String file) {
        String e = resolve(expression, file);
        if (e.contains("availableProcessors()")) {
            Matcher times = Pattern.compile("(\\d+)\\s*\\*").matcher(e);
            return times.find() ? times.group(1) + " × CPUs" : "CPUs";
        }
        Matcher duration = DURATION.matcher(e);
        if (duration.matches()) {
            return duration.group(2) + UNITS.get(duration.group(1));
        }
        if (e.equals("Duration.ZERO")) {
            return "0";
        }
        if (e.equals("List.of()") || e.equals("null")) {
            return "—";
        }
        // A long literal's L too: 2 GB is 2048 * 1024 * 1024L (in int arithmetic it would overflow).
        if (e.matches("\\d[\\d_]*L?(\\s*\\*\\s*\\d[\\d_]*L?)*")) {
            long product = 1;
            for (String factor : e.split("\\*")) {
                product *= Long.parseLong(factor.trim().replace("_", "").replace("L", ""));
            }
            return Long.toString(product);
        }
        Matcher string = Pattern.compile("(?:List\\.of\\()?\"([^\"]*)\"\\)?").matcher(e);
        if (string.matches()) {
            return string.group(1).isEmpty() ? "—" : string.group(1);
        }
        if (e.equals("true") || e.equals("false")) {
            return e;
        }
        return "?" + e;
    }

    private static String resolve(String expression, String file) {
        String e = expression;
        for (int hops = 0; hops < 3; hops++) {
            Matcher call = Pattern.compile("([a-z]\\w*)\\(\\)").matcher(e);
            Matcher constant = Pattern.compile("(?:\\w+\\.)?([A-Z][A-Z0-9_]+)").matcher(e);
            String next = null;
            if (call.matches()) {
                Matcher body = Pattern.compile("\\b" + call.group(1) + "\\(\\)\\s*\\{\\s*return\\s+([^;]+);").matcher(file);
                next = body.find() ? body.group(1).trim() : null;
            } else if (constant.matches()) {
                Matcher value = Pattern.compile("\\b" + constant.group(1) + "\\s*=\\s*([^;]+);").matcher(file);
                next = value.find() ? value.group(1).trim() : null;
            }
            if (next == null) {
                return e;
            }
            e = next;
        }
        return e;
    }

    /** For messages: variable = defaults. */
    static String describe(Map<String, Set<String>> defaults) {
        Map<String, Set<String>> copy = new LinkedHashMap<>(defaults);
        return copy.toString();
    }
}

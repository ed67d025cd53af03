package dev.certstream.node;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, validated reads of {@code CERTSTREAM_*} variables for the config records; every failure is a
 * {@link ConfigException} naming the variable. Blank values count as unset.
 */
public final class EnvReader {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private final Map<String, String> env;

    public EnvReader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The raw value, or null when unset or blank. */
    public String raw(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    public String string(String name, String fallback) {
        String value = raw(name);
        return value == null ? fallback : value;
    }

    public int integer(String name, int fallback, int min, int max) {
        long value = longValue(name, fallback, min, max);
        return (int) value;
    }

    public long longValue(String name, long fallback, long min, long max) {
        String value = raw(name);
        if (value == null) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new ConfigException(name, "must be an integer", value);
        }
        if (parsed < min || parsed > max) {
            throw new ConfigException(name, "must be between " + min + " and " + max, value);
        }
        return parsed;
    }

    public boolean bool(String name, boolean fallback) {
        String value = raw(name);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(name, "must be true or false", value);
        };
    }

    /** A duration such as {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}; a bare number is seconds. */
    public Duration duration(String name, Duration fallback, Duration min, Duration max) {
        String value = raw(name);
        if (value == null) {
            return fallback;
        }
        Matcher m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigException(name, "must be a duration such as 500ms, 10s, 5m or 1h", value);
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration parsed = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
        if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
            throw new ConfigException(name, "must be between " + min + " and " + max, value);
        }
        return parsed;
    }

    /** An absolute http(s) or file URL. */
    public URI url(String name, String fallback) {
        String value = string(name, fallback);
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!List.of("http", "https", "file").contains(scheme)) {
                throw new ConfigException(name, "must be an http, https or file URL", value);
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException(name, "is not a URL: " + e.getReason(), value);
        }
    }

    /** A comma-separated list, entries trimmed, empties dropped. */
    public List<String> list(String name, List<String> fallback) {
        String value = raw(name);
        if (value == null) {
            return fallback;
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** One of the given words, case-insensitively; returned lowercase. */
    public String choice(String name, String fallback, String... allowed) {
        String value = raw(name);
        if (value == null) {
            return fallback;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (!Arrays.asList(allowed).contains(lower)) {
            throw new ConfigException(name, "must be one of " + String.join(", ", allowed), value);
        }
        return lower;
    }
}

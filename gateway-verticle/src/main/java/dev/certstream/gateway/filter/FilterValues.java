package dev.certstream.gateway.filter;

import java.util.ArrayList;
import java.util.List;

/** Splitting comma lists ({@code \,} escapes a comma) and checking plain values for filter parameters. */
final class FilterValues {

    private FilterValues() {
    }

    /** {@code a,b\,c} gives {@code a} and {@code b,c}; a backslash before anything else stays as it is. */
    static List<String> split(String raw) {
        List<String> values = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length() && raw.charAt(i + 1) == ',') {
                current.append(',');
                i++;
            } else if (c == ',') {
                values.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        values.add(current.toString());
        return values;
    }

    /** A value without control characters (they cannot occur in what it is compared with). */
    static String plain(String where, String value) {
        if (value.isEmpty()) {
            throw FilterException.bad(where + " is empty");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw FilterException.bad(where + " holds a control character at position " + (i + 1));
            }
        }
        return value;
    }

    /** A value as an error message may quote it: control characters replaced, cut at {@code max}. */
    static String printable(String value, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return value.length() > max ? out + "..." : out.toString();
    }
}

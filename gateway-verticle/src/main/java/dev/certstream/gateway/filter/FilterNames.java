package dev.certstream.gateway.filter;

import dev.certstream.render.ct.EntryType;

import java.util.Locale;

/**
 * The one normalisation that both a filter's values and a certificate's facts go through, so they compare
 * as plain strings: lower case (DNS names and organisation names are compared without case), logs without
 * scheme and trailing slash.
 */
public final class FilterNames {

    private FilterNames() {
    }

    /** Lower case; returns the same string, without allocating, when it has no upper-case character. */
    public static String lower(String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 'A' && c <= 'Z' || c > 0x7F) {
                return value.toLowerCase(Locale.ROOT);
            }
        }
        return value;
    }

    /** A log URL or operator name as filters compare it: {@code ct.example.com/2026h1}, {@code google}. */
    public static String log(String value) {
        if (value == null) {
            return null;
        }
        String v = lower(value.trim());
        if (v.startsWith("https://")) {
            v = v.substring(8);
        } else if (v.startsWith("http://")) {
            v = v.substring(7);
        }
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        return v;
    }

    /** An issuer organisation or common name as filters compare it. */
    public static String issuer(String value) {
        return value == null ? null : lower(value.trim());
    }

    /** The entry type a {@code type=} value names, or null. */
    static EntryType type(String value) {
        return switch (lower(value)) {
            case "precert", "precertificate", "precertlogentry" -> EntryType.PRECERT;
            case "x509", "cert", "certificate", "final", "x509logentry" -> EntryType.X509;
            default -> null;
        };
    }

    /** The canonical {@code type=} value of an entry type. */
    static String typeName(EntryType type) {
        return type == EntryType.PRECERT ? "precert" : "x509";
    }
}

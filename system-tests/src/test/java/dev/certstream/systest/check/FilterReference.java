package dev.certstream.systest.check;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The README's filter semantics written out independently of the gateway, applied to a lite
 * {@code certificate_update}: kinds AND, values of a kind OR; domain values are exact names or suffixes,
 * keywords are substrings, regexes search each lower-case name, issuer is O or CN, log is URL or operator.
 */
public final class FilterReference {

    private final Map<String, List<String>> params;

    /** @param params filter values by parameter, each value one term (no comma lists) */
    public FilterReference(Map<String, List<String>> params) {
        this.params = params;
    }

    public boolean matches(JsonNode liteUpdate) {
        JsonNode data = liteUpdate.path("data");
        List<String> names = new ArrayList<>();
        data.at("/leaf_cert/all_domains").forEach(d -> names.add(d.asText().toLowerCase(Locale.ROOT)));
        boolean anyDomainTerm = has("domain") || has("keyword") || has("regex");
        if (anyDomainTerm && names.stream().noneMatch(this::domainMatches)) {
            return false;
        }
        if (has("issuer") && !(is("issuer", data.at("/leaf_cert/issuer/O").asText(null))
                || is("issuer", data.at("/leaf_cert/issuer/CN").asText(null)))) {
            return false;
        }
        if (has("log") && !(is("log", log(data.at("/source/url").asText())) || is("log", data.at("/source/operator").asText()))) {
            return false;
        }
        String type = data.path("update_type").asText().equals("PrecertLogEntry") ? "precert" : "x509";
        return !has("type") || params.get("type").contains(type);
    }

    private boolean domainMatches(String name) {
        for (String value : params.getOrDefault("domain", List.of())) {
            String v = value.toLowerCase(Locale.ROOT);
            boolean suffix = v.startsWith("*.") || v.startsWith(".");
            if (suffix ? name.endsWith(v.substring(v.indexOf('.'))) : name.equals(v)) {
                return true;
            }
        }
        for (String keyword : params.getOrDefault("keyword", List.of())) {
            if (name.contains(keyword.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        for (String regex : params.getOrDefault("regex", List.of())) {
            if (Pattern.compile(regex).matcher(name).find()) {
                return true;
            }
        }
        return false;
    }

    private boolean has(String name) {
        return params.containsKey(name);
    }

    private boolean is(String name, String value) {
        if (value == null) {
            return false;
        }
        String v = name.equals("log") ? log(value) : value.trim().toLowerCase(Locale.ROOT);
        return params.get(name).stream().anyMatch(p -> (name.equals("log") ? log(p) : p.trim().toLowerCase(Locale.ROOT)).equals(v));
    }

    private static String log(String value) {
        return value.trim().toLowerCase(Locale.ROOT).replaceFirst("^https?://", "").replaceAll("/+$", "");
    }

    /** The query string for these values, percent-encoded, one parameter per value. */
    public String query() {
        StringBuilder q = new StringBuilder();
        params.forEach((name, values) -> values.forEach(v -> q.append(q.isEmpty() ? "" : "&").append(name).append('=')
                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8))));
        return q.toString();
    }
}

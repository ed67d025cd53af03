package dev.certstream.gateway.filter;

import dev.certstream.render.ct.EntryType;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One client's filter in canonical form: every value normalised (lower case, suffixes as
 * {@code .example.com}, logs without scheme and trailing slash), de-duplicated and sorted, so two
 * clients that asked for the same slice in different words share one {@link #key()} and one evaluation.
 * A certificate matches when every kind present matches: any domain form (exact, suffix, keyword, regex)
 * on any of its domains, any issuer (O or CN), any log (URL or operator), any entry type.
 */
public record FilterSpec(SortedSet<String> domains, SortedSet<String> suffixes, SortedSet<String> keywords,
                         SortedSet<String> regexes, SortedSet<String> issuers, SortedSet<String> logs,
                         Set<EntryType> types) {

    /** No filter: the whole stream. */
    public static final FilterSpec NONE = new FilterSpec(new TreeSet<>(), new TreeSet<>(), new TreeSet<>(),
            new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), EnumSet.noneOf(EntryType.class));

    public FilterSpec {
        domains = Collections.unmodifiableSortedSet(new TreeSet<>(domains));
        suffixes = Collections.unmodifiableSortedSet(new TreeSet<>(suffixes));
        keywords = Collections.unmodifiableSortedSet(new TreeSet<>(keywords));
        regexes = Collections.unmodifiableSortedSet(new TreeSet<>(regexes));
        issuers = Collections.unmodifiableSortedSet(new TreeSet<>(issuers));
        logs = Collections.unmodifiableSortedSet(new TreeSet<>(logs));
        types = types.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(types));
    }

    public boolean isEmpty() {
        return terms() == 0;
    }

    /** Whether the filter says anything about domains (then only the domain index can select it). */
    public boolean hasDomainTerms() {
        return !domains.isEmpty() || !suffixes.isEmpty() || !keywords.isEmpty() || !regexes.isEmpty();
    }

    /** Values over all kinds. */
    public int terms() {
        return domains.size() + suffixes.size() + keywords.size() + regexes.size() + issuers.size() + logs.size()
                + types.size();
    }

    /**
     * The canonical query string ({@code domain=...&keyword=...}, kinds in a fixed order, values sorted and
     * percent-encoded, one parameter per value): the sharing key, and what a client could send to ask for
     * exactly this filter.
     */
    public String key() {
        StringBuilder out = new StringBuilder();
        append(out, "domain", domains);
        TreeSet<String> wildcards = new TreeSet<>();
        suffixes.forEach(s -> wildcards.add("*" + s));
        append(out, "domain", wildcards);
        append(out, "keyword", keywords);
        append(out, "regex", regexes);
        append(out, "issuer", issuers);
        append(out, "log", logs);
        TreeSet<String> typeNames = new TreeSet<>();
        types.forEach(t -> typeNames.add(FilterNames.typeName(t)));
        append(out, "type", typeNames);
        return out.toString();
    }

    private static void append(StringBuilder out, String name, Set<String> values) {
        for (String value : values) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        }
    }

    /** The non-domain kinds against a certificate's (normalised) header facts. */
    boolean matchesHeader(String issuerO, String issuerCn, String logUrl, String operator, EntryType type) {
        if (!issuers.isEmpty() && !(contains(issuers, issuerO) || contains(issuers, issuerCn))) {
            return false;
        }
        if (!logs.isEmpty() && !(contains(logs, logUrl) || contains(logs, operator))) {
            return false;
        }
        return types.isEmpty() || types.contains(type);
    }

    private static boolean contains(Set<String> set, String value) {
        return value != null && set.contains(value);
    }

    @Override
    public String toString() {
        return key();
    }
}

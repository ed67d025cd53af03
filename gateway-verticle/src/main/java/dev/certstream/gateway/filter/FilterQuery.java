package dev.certstream.gateway.filter;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.certstream.render.ct.EntryType;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a filter from a stream route's query parameters, validating every value against
 * {@link FilterLimits}. Each parameter may be repeated; every one but {@code regex} also takes a
 * comma-separated list, in which {@code \,} stands for a literal comma. A problem is a
 * {@link FilterException} (400) naming the parameter and the value's position, never the value of a token.
 */
public final class FilterQuery {

    /** The filter parameters, in the order the canonical form lists them. */
    public static final List<String> PARAMETERS = List.of("domain", "keyword", "regex", "issuer", "log", "type");

    private final FilterLimits limits;
    private final TreeSet<String> domains = new TreeSet<>();
    private final TreeSet<String> suffixes = new TreeSet<>();
    private final TreeSet<String> keywords = new TreeSet<>();
    private final TreeSet<String> regexes = new TreeSet<>();
    private final TreeSet<String> issuers = new TreeSet<>();
    private final TreeSet<String> logs = new TreeSet<>();
    private final Set<EntryType> types = EnumSet.noneOf(EntryType.class);
    private int terms;

    private FilterQuery(FilterLimits limits) {
        this.limits = limits;
    }

    /**
     * The filter these decoded parameters ask for ({@link FilterSpec#NONE} when none).
     *
     * @param rawQueryLength length of the query string as received, checked before anything else
     * @param params         decoded parameters, each with its values in order
     * @param routeParams    other parameters the route itself understands (e.g. {@code stream}, {@code token})
     */
    public static FilterSpec parse(int rawQueryLength, Map<String, List<String>> params, FilterLimits limits,
                                   Set<String> routeParams) {
        if (rawQueryLength > limits.maxQueryBytes()) {
            throw FilterException.bad("query string too long: " + rawQueryLength + " bytes, at most "
                    + limits.maxQueryBytes());
        }
        FilterQuery query = new FilterQuery(limits);
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            String name = param.getKey();
            if (routeParams.contains(name)) {
                continue;
            }
            if (!PARAMETERS.contains(name)) {
                throw FilterException.bad("unknown parameter '" + FilterValues.printable(name, 40) + "'; filters are "
                        + String.join(", ", PARAMETERS) + (routeParams.isEmpty() ? "" : "; this route also takes "
                        + String.join(", ", new TreeSet<>(routeParams))));
            }
            for (String raw : param.getValue()) {
                List<String> values = name.equals("regex") ? List.of(raw) : FilterValues.split(raw);
                for (String value : values) {
                    query.add(name, value);
                }
            }
        }
        if (query.regexes.size() > limits.maxRegexes()) {
            throw FilterException.bad("too many regular expressions: " + query.regexes.size() + ", at most "
                    + limits.maxRegexes() + " per filter");
        }
        query.dropSubsumed();
        return new FilterSpec(query.domains, query.suffixes, query.keywords, query.regexes, query.issuers,
                query.logs, query.types);
    }

    /**
     * Drops domain values that another value of the domain kind already covers: a keyword containing another
     * keyword, a name or suffix containing a keyword. The slice is the same; the index holds fewer patterns,
     * and a hostile list like {@code a, aa, aaa, ...} (hundreds of hits per position in a name of 'a's)
     * shrinks to {@code a}.
     */
    private void dropSubsumed() {
        List<String> byLength = new ArrayList<>(keywords);
        byLength.sort(java.util.Comparator.comparingInt(String::length));
        List<String> kept = new ArrayList<>();
        for (String keyword : byLength) {
            if (kept.stream().noneMatch(keyword::contains)) {
                kept.add(keyword);
            }
        }
        keywords.retainAll(kept);
        domains.removeIf(name -> kept.stream().anyMatch(name::contains));
        suffixes.removeIf(suffix -> kept.stream().anyMatch(suffix::contains));
    }

    private void add(String name, String value) {
        if (++terms > limits.maxTerms()) {
            throw FilterException.bad("too many filter values: more than " + limits.maxTerms());
        }
        String where = name + " value " + terms;
        if (value.isEmpty()) {
            throw FilterException.bad(where + " is empty");
        }
        if (value.length() > limits.maxPatternLength()) {
            throw FilterException.bad(where + " is too long: " + value.length() + " characters, at most "
                    + limits.maxPatternLength());
        }
        switch (name) {
            case "domain" -> addDomain(where, FilterNames.lower(value));
            case "keyword" -> keywords.add(FilterValues.plain(where, FilterNames.lower(value)));
            case "regex" -> regexes.add(checkedRegex(where, value));
            case "issuer" -> issuers.add(FilterNames.issuer(FilterValues.plain(where, value.trim())));
            case "log" -> logs.add(FilterNames.log(FilterValues.plain(where, value.trim())));
            case "type" -> {
                EntryType type = FilterNames.type(value.trim());
                if (type == null) {
                    throw FilterException.bad(where + " must be precert or x509 (also: precertificate, final, "
                            + "PrecertLogEntry, X509LogEntry): '" + FilterValues.printable(value, 40) + "'");
                }
                types.add(type);
            }
            default -> throw new IllegalStateException(name);
        }
    }

    /** {@code example.com} exact; {@code *.example.com} or {@code .example.com}: any name below it. */
    private void addDomain(String where, String value) {
        String name = value.startsWith("*.") ? value.substring(1) : value;
        boolean suffix = name.startsWith(".");
        String body = suffix ? name.substring(1) : name;
        if (body.isEmpty() || body.startsWith(".") || body.endsWith(".") || body.contains("..")) {
            throw FilterException.bad(where + " is not a domain name or suffix: '" + FilterValues.printable(value, 80)
                    + "' (use example.com, *.example.com or .example.com)");
        }
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c > 0x7F;
            if (!ok) {
                throw FilterException.bad(where + " has '" + FilterValues.printable(String.valueOf(c), 4)
                        + "', which a domain name cannot hold ('*' only as a first label '*.'; use keyword= or regex= "
                        + "for other patterns)");
            }
        }
        (suffix ? suffixes : domains).add(suffix ? "." + body : body);
    }

    private String checkedRegex(String where, String value) {
        RegexShape.Shape shape;
        try {
            shape = RegexShape.of(value);
        } catch (RuntimeException unexpected) {
            shape = null;
        }
        if (shape != null && shape.size() > limits.maxRegexSize()) {
            throw FilterException.bad(where + " is too large a regular expression: about " + shape.size()
                    + " instructions, at most " + limits.maxRegexSize() + " (nested counted repeats multiply)");
        }
        try {
            Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw FilterException.bad(where + " is not a valid RE2 regular expression: " + e.getDescription()
                    + " (in '" + FilterValues.printable(e.getPattern(), 80) + "')");
        }
        if (shape == null) {
            throw FilterException.bad(where + " could not be analysed; simplify the regular expression");
        }
        return value;
    }
}

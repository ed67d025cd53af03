package dev.certstream.gateway.filter;

import dev.certstream.render.ct.EntryType;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The query syntax: forms of each kind, comma lists and escapes, canonical keys, and every refusal. */
class FilterQueryTest {

    static final FilterLimits LIMITS = FilterLimits.defaults();

    static FilterSpec parse(String... nameValues) {
        return parse(LIMITS, nameValues);
    }

    static FilterSpec parse(FilterLimits limits, String... nameValues) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            params.computeIfAbsent(nameValues[i], k -> new java.util.ArrayList<>()).add(nameValues[i + 1]);
        }
        return FilterQuery.parse(10, params, limits, Set.of("token", "stream"));
    }

    static String refusal(String... nameValues) {
        FilterException e = assertThrows(FilterException.class, () -> parse(nameValues));
        assertEquals(400, e.status());
        return e.getMessage();
    }

    @Test
    void noParametersIsNoFilter() {
        assertTrue(parse().isEmpty());
        assertTrue(parse("token", "abc", "stream", "full").isEmpty(), "route parameters are not filters");
    }

    @Test
    void domainFormsAreExactOrSuffix() {
        FilterSpec spec = parse("domain", "Example.COM", "domain", "*.Example.org,.example.net");
        assertEquals(Set.of("example.com"), spec.domains());
        assertEquals(Set.of(".example.org", ".example.net"), spec.suffixes());
        assertTrue(spec.hasDomainTerms());
    }

    @Test
    void everyKindIsRead() {
        FilterSpec spec = parse("keyword", "PayPal", "regex", "^login-.*\\.com$", "issuer", " Let's Encrypt ",
                "log", "https://CT.example.com/2026h1/", "log", "Google", "type", "PrecertLogEntry,final");
        assertEquals(Set.of("paypal"), spec.keywords());
        assertEquals(Set.of("^login-.*\\.com$"), spec.regexes());
        assertEquals(Set.of("let's encrypt"), spec.issuers());
        assertEquals(Set.of("ct.example.com/2026h1", "google"), spec.logs());
        assertEquals(Set.of(EntryType.PRECERT, EntryType.X509), spec.types());
    }

    @Test
    void commasSplitListsButNotRegexesAndBackslashCommaIsAComma() {
        FilterSpec spec = parse("issuer", "Example\\, Inc.,Other CA", "regex", "^a{1,3}b$");
        assertEquals(Set.of("example, inc.", "other ca"), spec.issuers());
        assertEquals(Set.of("^a{1,3}b$"), spec.regexes());
    }

    @Test
    void sameSliceInOtherWordsHasTheSameKey() {
        FilterSpec a = parse("domain", "b.com,*.A.com", "keyword", "x", "type", "precert");
        FilterSpec b = parse("type", "PrecertLogEntry", "keyword", "X,x", "domain", ".a.com", "domain", "B.com");
        assertEquals(a.key(), b.key());
        assertEquals("domain=b.com&domain=*.a.com&keyword=x&type=precert", a.key());
        assertFalse(a.key().equals(parse("domain", "b.com").key()));
    }

    @Test
    void keyIsAQueryThatParsesBackToItself() {
        FilterSpec spec = parse("regex", "^(a|b)+\\.com$", "issuer", "A & B, Ltd", "domain", "*.x.org");
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : spec.key().split("&")) {
            String[] kv = pair.split("=", 2);
            params.computeIfAbsent(kv[0], k -> new java.util.ArrayList<>())
                    .add(java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8).replace(",", "\\,"));
        }
        params.put("regex", List.of("^(a|b)+\\.com$"));
        assertEquals(spec, FilterQuery.parse(10, params, LIMITS, Set.of()));
    }

    @Test
    void valuesCoveredByAKeywordAreDropped() {
        FilterSpec spec = parse("keyword", "pay,paypal,xpayx,login", "domain", "paypal.com,*.paypal.net,example.com,*.example.org");
        assertEquals(Set.of("pay", "login"), spec.keywords());
        assertEquals(Set.of("example.com"), spec.domains());
        assertEquals(Set.of(".example.org"), spec.suffixes());
        assertEquals(parse("keyword", "pay,login", "domain", "example.com,*.example.org").key(), spec.key(),
                "the same slice, the same shared filter");
        StringBuilder hostile = new StringBuilder();
        for (int k = 1; k <= 250; k++) {
            hostile.append(k == 1 ? "" : ",").append("a".repeat(k));
        }
        assertEquals(Set.of("a"), parse("keyword", hostile.toString()).keywords());
    }

    @Test
    void refusalsNameTheProblem() {
        assertTrue(refusal("domian", "x.com").contains("unknown parameter 'domian'"));
        assertTrue(refusal("domain", "").contains("domain value 1 is empty"));
        assertTrue(refusal("domain", "a,,b").contains("domain value 2 is empty"));
        assertTrue(refusal("domain", "ex*ample.com").contains("'*'"));
        assertTrue(refusal("domain", "*").contains("'*'"));
        assertTrue(refusal("domain", "*.").contains("not a domain name"));
        assertTrue(refusal("domain", "a..com").contains("not a domain name"));
        assertTrue(refusal("type", "cat").contains("must be precert or x509"));
        assertTrue(refusal("regex", "(unclosed").contains("not a valid RE2 regular expression"));
        assertTrue(refusal("regex", "(?=lookahead)").contains("not a valid RE2"), "RE2 has no lookaround");
        assertTrue(refusal("regex", "(a{1000}){1000}").contains("too large"));
        assertTrue(refusal("keyword", "a\u0001b").contains("control character"));
    }

    @Test
    void lengthAndCountCapsAreEnforcedAtTheirBoundary() {
        FilterLimits small = new FilterLimits(256, 5, 20, 2, 100, 10, 100, 24L << 20, 1);
        assertEquals(5, parse(small, "keyword", "a,b,c,d,e").terms());
        FilterException terms = assertThrows(FilterException.class, () -> parse(small, "keyword", "a,b,c,d,e,f"));
        assertTrue(terms.getMessage().contains("too many filter values"));
        assertEquals(1, parse(small, "keyword", "x".repeat(20)).terms());
        FilterException length = assertThrows(FilterException.class, () -> parse(small, "keyword", "x".repeat(21)));
        assertTrue(length.getMessage().contains("too long: 21 characters, at most 20"));
        FilterException regexes = assertThrows(FilterException.class,
                () -> parse(small, "regex", "ab", "regex", "cd", "regex", "ef"));
        assertTrue(regexes.getMessage().contains("too many regular expressions"));
        FilterException query = assertThrows(FilterException.class,
                () -> FilterQuery.parse(257, Map.of(), small, Set.of()));
        assertTrue(query.getMessage().contains("query string too long"));
    }
}

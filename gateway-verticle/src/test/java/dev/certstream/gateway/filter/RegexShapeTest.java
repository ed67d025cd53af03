package dev.certstream.gateway.filter;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The prefilter literals and size estimates of typical and hostile expressions. */
class RegexShapeTest {

    private static Set<String> literals(String regex) {
        return RegexShape.of(regex).literals();
    }

    @Test
    void literalRunsAreFound() {
        assertEquals(Set.of("paypal-"), literals("^(www\\.)?paypal-.*\\.com$"));
        assertEquals(Set.of("login.example.com"), literals("^login\\.example\\.com$"));
        assertEquals(Set.of("paypal", "paypa1"), literals("(paypal|paypa1)"));
        assertEquals(Set.of("paypal", "p4ypal", "payp4l", "p4yp4l"), literals("p[a4]yp[a4]l"));
        assertEquals(Set.of("bank"), literals("x?bank+s*"));
        assertEquals(Set.of("secure"), literals("\\Qsecure\\E[0-9]+"));
        assertEquals(Set.of("abc"), literals("(?P<name>abc)\\d"));
    }

    @Test
    void expressionsWithoutARequiredLiteralHaveNone() {
        assertNull(literals(".*"));
        assertNull(literals("[a-z]+[0-9]*"));
        assertEquals(Set.of(".com"), literals("[a-z]+\\.com"));
    }

    @Test
    void weakOrOptionalPartsGiveNoLiteral() {
        assertNull(literals("(a+)+$"), "one character is too weak a prefilter");
        assertNull(literals("(paypal)?x"));
        assertNull(literals("paypal|.*"), "an alternative without a literal matches without one");
        assertNull(literals("(?i)paypal"), "case-insensitive expressions get no prefilter");
        assertNull(literals("[^a]bc?"));
    }

    @Test
    void sizeGrowsWithCountedRepeatsAndTheirNesting() {
        assertTrue(RegexShape.of("a{1000}").size() >= 1000);
        assertTrue(RegexShape.of("(a{1000}){1000}").size() >= 1_000_000);
        assertTrue(RegexShape.of("((a{100}){100}){100}").size() >= 1_000_000);
        assertTrue(RegexShape.of("^[a-z0-9-]{1,63}\\.example\\.com$").size() < 200);
    }
}

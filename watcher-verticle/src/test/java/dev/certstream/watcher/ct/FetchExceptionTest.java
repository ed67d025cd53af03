package dev.certstream.watcher.ct;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FetchExceptionTest {

    @Test
    void classifiesStatuses() {
        assertEquals(FetchException.Kind.RATE_LIMITED, FetchException.forStatus(429, "3", "u").kind());
        assertEquals(Duration.ofSeconds(3), FetchException.forStatus(429, "3", "u").retryAfter());
        assertEquals(FetchException.Kind.SERVER_ERROR, FetchException.forStatus(503, null, "u").kind());
        assertEquals(FetchException.Kind.NOT_FOUND, FetchException.forStatus(404, null, "u").kind());
        assertEquals(FetchException.Kind.CLIENT_ERROR, FetchException.forStatus(400, null, "u").kind());
        assertTrue(FetchException.forStatus(500, null, "u").isOverload());
    }

    @Test
    void parsesRetryAfterSecondsAndDates() {
        assertEquals(Duration.ofSeconds(120), FetchException.parseRetryAfter(" 120 "));
        assertNull(FetchException.parseRetryAfter("-5"));
        assertNull(FetchException.parseRetryAfter("soon"));
        assertNull(FetchException.parseRetryAfter(null));
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        Duration d = FetchException.parseRetryAfter(inAMinute);
        assertTrue(d.getSeconds() > 50 && d.getSeconds() <= 60, d.toString());
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusSeconds(60));
        assertEquals(Duration.ZERO, FetchException.parseRetryAfter(past));
    }
}

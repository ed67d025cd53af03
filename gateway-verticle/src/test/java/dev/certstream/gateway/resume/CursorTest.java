package dev.certstream.gateway.resume;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cursors round-trip, stay compact with 50 logs, and a bad one is refused with a reason. */
class CursorTest {

    @Test
    void positionsRoundTripThroughTheirText() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            StreamPosition position = new StreamPosition();
            int logs = random.nextInt(60);
            for (int i = 0; i < logs; i++) {
                String url = "https://log" + random.nextInt(1000) + ".example/";
                position.advance(LogIds.of(url), random.nextBoolean() ? random.nextInt(1000) : random.nextLong() >>> 2);
            }
            Cursor parsed = Cursor.parse(position.encoded());
            assertEquals(position.cursor(), parsed);
            assertEquals(position.encoded(), parsed.encode());
            StreamPosition again = new StreamPosition(parsed);
            assertTrue(again.atOrBeyond(position) && position.atOrBeyond(again));
        }
        assertEquals(Cursor.EMPTY, Cursor.parse(Cursor.EMPTY.encode()));
    }

    @Test
    void fiftyLogsAtBillionsOfEntriesTakeAboutSixHundredCharacters() {
        StreamPosition position = new StreamPosition();
        for (int i = 0; i < 50; i++) {
            position.advance(LogIds.of("https://ct.example/log" + i + "/"), 3_000_000_000L + i);
        }
        String text = position.encoded();
        assertTrue(text.length() <= 620, text.length() + " characters");
        assertTrue(text.matches("[A-Za-z0-9_-]+"), "URL and header safe: " + text);
    }

    @Test
    void positionsCompareAndMoveOnlyForward() {
        int a = LogIds.of("https://a/");
        int b = LogIds.of("https://b/");
        StreamPosition one = new StreamPosition();
        one.advance(a, 10);
        StreamPosition two = one.copy();
        two.advance(b, 3);
        assertTrue(two.atOrBeyond(one));
        assertFalse(one.atOrBeyond(two), "one does not know log b");
        assertFalse(two.raise(a, 5), "marks never go back");
        assertEquals(11, two.next(a));
        assertTrue(two.covers(a, 10) && !two.covers(a, 11) && !two.covers(LogIds.of("https://c/"), 0));
        StreamPosition zero = new StreamPosition();
        zero.advance(0, 5); // a log whose id is 0 is kept like any other
        assertEquals(6, Cursor.parse(zero.encoded()).next(0));
    }

    @Test
    void aBadCursorSaysWhy() {
        assertThrows(IllegalArgumentException.class, () -> Cursor.parse("not base64!"));
        assertThrows(IllegalArgumentException.class, () -> Cursor.parse("Ag"), "version 2");
        assertThrows(IllegalArgumentException.class, () -> Cursor.parse(""), "empty");
        String valid = new StreamPosition(Cursor.EMPTY).encoded();
        assertEquals(Cursor.EMPTY, Cursor.parse(valid));
        StreamPosition one = new StreamPosition();
        one.advance(LogIds.of("https://a/"), 1_000_000);
        String text = one.encoded();
        assertThrows(IllegalArgumentException.class, () -> Cursor.parse(text.substring(0, text.length() - 2)), "truncated");
        assertThrows(IllegalArgumentException.class, () -> Cursor.parse("A".repeat(Cursor.MAX_LENGTH + 1)), "too long");
        // Logs must be in id order (one canonical text per position).
        byte[] twice = {1, 0, 0, 0, 2, 5, 0, 0, 0, 1, 5};
        assertThrows(IllegalArgumentException.class,
                () -> Cursor.parse(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(twice)));
    }
}

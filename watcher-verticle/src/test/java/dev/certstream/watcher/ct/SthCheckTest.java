package dev.certstream.watcher.ct;

import dev.certstream.testing.TestData;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** get-sth answers are followed only when their signature verifies with the log list's key. */
class SthCheckTest {
    /** Google 'Pilot', whose real head is in testdata (its key as the log lists of the time published it). */
    private static final byte[] PILOT_KEY = Base64.getDecoder().decode("MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEfahLEimAoz2t01p3"
            + "uMziiLOl/fHTDM0YDOhBRuiBARsV4UvxG2LdNgoIGLrtCzWE0J5APC2em4JlvR8EEEFMoA==");
    private static final String URL = "https://ct.googleapis.com/pilot/ct/v1/get-sth";

    private static LogSource pilot(byte[] key) {
        return new LogSource("https://ct.googleapis.com/pilot/", "Pilot", "Google", LogType.RFC6962, null, key, "usable");
    }

    @Test
    void aRealHeadIsFollowedAndKeptAndAChangedOneIsRefusedWithItsHead() throws Exception {
        byte[] real = TestData.bytes("rfc6962/ctgo-logclient-ValidSTHResponse.get-sth.json");
        SthCheck check = new SthCheck(pilot(PILOT_KEY));
        assertEquals(3721782, check.treeSize(real, URL));
        assertEquals(3721782, check.lastHead().treeSize());
        JsonObject changed = new JsonObject(new String(real, StandardCharsets.UTF_8)).put("tree_size", 3721783);
        FetchException refused = assertThrows(FetchException.class,
                () -> check.treeSize(changed.encode().getBytes(StandardCharsets.UTF_8), URL));
        assertEquals(FetchException.Kind.BAD_SIGNATURE, refused.kind());
        assertEquals(3721783, refused.rejectedHead().treeSize(), "the refused head goes along as evidence");
        assertEquals(3721782, check.lastHead().treeSize(), "the refused head is not followed");
        FetchException fake = assertThrows(FetchException.class,
                () -> check.treeSize(TestData.bytes("rfc6962/ctgo-scanner-FourEntrySTH.get-sth.json"), URL));
        assertEquals(FetchException.Kind.BAD_SIGNATURE, fake.kind());
    }

    @Test
    void malformedAnswersAreBadBodies() {
        SthCheck check = new SthCheck(pilot(PILOT_KEY));
        for (String body : new String[] {"not json", "{\"tree_size\": 5}", "{\"tree_size\": -1, \"timestamp\": 1}",
            "{\"tree_size\": 5, \"timestamp\": 1, \"sha256_root_hash\": \"AAAA\", \"tree_head_signature\": \"AAAA\"}"}) {
            FetchException e = assertThrows(FetchException.class, () -> check.treeSize(body.getBytes(StandardCharsets.UTF_8), URL));
            assertEquals(FetchException.Kind.BAD_BODY, e.kind(), body);
        }
    }

    @Test
    void aLogWithoutAUsableKeyIsFollowedOnItsTreeSizeAlone() throws Exception {
        byte[] fake = TestData.bytes("rfc6962/ctgo-scanner-FourEntrySTH.get-sth.json");
        for (byte[] key : new byte[][] {null, {1, 2, 3}}) {
            SthCheck check = new SthCheck(pilot(key));
            assertEquals(4, check.treeSize(fake, URL));
            assertNull(check.lastHead(), "no signed head to verify entries against");
        }
        assertNotNull(new SthCheck(pilot(PILOT_KEY)).toString());
    }
}

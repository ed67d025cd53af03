package dev.certstream.watcher.ct;

import dev.certstream.node.ConfigException;
import dev.certstream.node.EnvReader;
import dev.certstream.testing.TestData;
import dev.certstream.watcher.LogListSettings;
import dev.certstream.watcher.WatcherConfig;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Map;

import static dev.certstream.testing.TestFutures.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Google's log list is used only when its detached signature verifies: the real list and signature of
 * 2023-05-31 against the key built into the jar, and a list signed with a key made here, whose tampered
 * or unsigned successor is refused while the last good copy stays.
 */
@ExtendWith(VertxExtension.class)
class LogListSignatureTest {

    private static final String REAL = "loglist/google-all_logs_list.tls-inspector-2023-05-31";

    @TempDir
    Path dir;

    @Test
    void googlesRealListVerifiesWithTheBuiltInKeyAndAChangedByteDoesNot() throws Exception {
        byte[] list = TestData.bytes(REAL + ".json");
        byte[] sig = TestData.bytes(REAL + ".sig");
        LogListSignature google = LogListSignature.google(URI.create(LogListSettings.DEFAULT_URL));
        assertEquals(URI.create("https://www.gstatic.com/ct/log_list/v3/log_list.sig"), google.url());
        google.verify(list, sig);
        byte[] changed = list.clone();
        changed[changed.length / 2] ^= 1;
        assertThrows(LogListException.class, () -> google.verify(changed, sig));
        assertThrows(LogListException.class, () -> google.verify(list, new byte[0]));
        assertThrows(LogListException.class, () -> google.verify(list, new byte[100_000]));
    }

    @Test
    void googlesListsAreSignedByDefaultOthersAreNot() {
        LogListSettings defaults = WatcherConfig.defaults().logList();
        assertEquals(URI.create("https://www.gstatic.com/ct/log_list/v3/log_list.sig"), defaults.signature().url());
        assertArrayEquals(LogListSignature.googleKey(), defaults.signature().publicKeyDer());
        LogListSettings all = LogListSettings.fromEnv(new EnvReader(Map.of("CERTSTREAM_LOG_LIST_URL",
                "https://www.gstatic.com/ct/log_list/v3/all_logs_list.json")));
        assertEquals(URI.create("https://www.gstatic.com/ct/log_list/v3/all_logs_list.sig"), all.signature().url());
        assertNull(LogListSettings.fromEnv(new EnvReader(Map.of("CERTSTREAM_LOG_LIST_URL", "https://ct.test/list.json")))
                .signature(), "another list is taken as it is");
        assertNull(LogListSettings.fromEnv(new EnvReader(Map.of("CERTSTREAM_LOG_LIST_SIGNED", "false"))).signature());
        LogListSettings mirror = LogListSettings.fromEnv(new EnvReader(Map.of("CERTSTREAM_LOG_LIST_URL",
                "https://mirror.test/ct/list.json", "CERTSTREAM_LOG_LIST_SIGNED", "true")));
        assertEquals(URI.create("https://mirror.test/ct/list.sig"), mirror.signature().url(), "a mirror of Google's list");
        ConfigException bad = assertThrows(ConfigException.class, () -> LogListSettings.fromEnv(new EnvReader(Map.of(
                "CERTSTREAM_LOG_LIST_URL", "https://mirror.test/list", "CERTSTREAM_LOG_LIST_SIGNED", "true"))));
        assertTrue(bad.getMessage().startsWith("CERTSTREAM_LOG_LIST_SIGNED"), bad.getMessage());
    }

    @Test
    void aListThatFailsItsSignatureIsRefusedAndTheLastGoodCopyStays(Vertx vertx) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair signer = generator.generateKeyPair();
        Path listFile = dir.resolve("log_list.json");
        Path sigFile = dir.resolve("log_list.sig");
        byte[] good = list("Good Operator");
        Files.write(listFile, good);
        Files.write(sigFile, sign(signer, good));
        LogListSignature signature = new LogListSignature(sigFile.toUri(), signer.getPublic().getEncoded());
        CtHttpClient http = new CtHttpClient(vertx, WatcherConfig.defaults());
        Path data = dir.resolve("data");
        LogListLoader loader = new LogListLoader(vertx, http, listFile.toUri(), data, new LogListParser(false), false, signature);

        assertEquals("https://ct.good.test/", await(loader.fetch()).logs().get(0).url());
        Path copy = LogListLoader.lastGoodCopy(data, listFile.toUri());
        assertArrayEquals(good, Files.readAllBytes(copy));

        byte[] tampered = list("Evil Operator");
        Files.write(listFile, tampered);
        Throwable refused = assertThrows(Throwable.class, () -> await(loader.fetch()));
        assertTrue(String.valueOf(refused.getMessage()).contains("does not verify"), refused.getMessage());
        assertArrayEquals(good, Files.readAllBytes(copy), "the refused list never replaces the good copy");
        assertEquals("Good Operator", await(loader.initial()).logs().get(0).operator(), "a start uses the last good copy");

        KeyPair other = generator.generateKeyPair();
        Files.write(sigFile, sign(other, tampered));
        assertThrows(Throwable.class, () -> await(loader.fetch()), "signed, but by another key");
        Files.delete(sigFile);
        assertThrows(Throwable.class, () -> await(loader.fetch()), "no signature at all");

        Files.write(sigFile, sign(signer, tampered));
        assertEquals("Evil Operator", await(loader.fetch()).logs().get(0).operator(), "signed by the signer: used");
        http.close();
    }

    private static byte[] list(String operator) {
        JsonObject log = new JsonObject().put("description", "Test log").put("url", "https://ct." + operator.split(" ")[0]
                .toLowerCase() + ".test/").put("state", new JsonObject().put("usable", new JsonObject()));
        return new JsonObject().put("operators", new JsonArray().add(new JsonObject().put("name", operator)
                .put("logs", new JsonArray().add(log)))).encodePrettily().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sign(KeyPair key, byte[] data) throws Exception {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key.getPrivate());
        signature.update(data);
        return signature.sign();
    }
}

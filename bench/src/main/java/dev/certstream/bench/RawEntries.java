package dev.certstream.bench;

import dev.certstream.render.ct.EntryType;
import dev.certstream.render.ct.TileDecodeResult;
import dev.certstream.render.ct.TileDecoder;
import dev.certstream.render.ct.TileEntry;
import dev.certstream.simulator.CtLogSimulator;
import dev.certstream.simulator.SimulatorConfig;
import dev.certstream.simulator.entry.SimulatedEntry;
import dev.certstream.simulator.log.SimulatedLog;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Raw RFC 6962 entries ({@code leaf_input}, {@code extra_data} bytes) for the rendering benchmark: the
 * real entries of testdata/ (get-entries responses, and the navigli precertificates written as an RFC
 * 6962 log stores them) and the simulator's realistic mix (RSA and ECDSA, precerts and final certificates,
 * 1 to 100 SANs, chains of 1 to 3).
 */
final class RawEntries {

    /** One entry as a get-entries response carries it, base64 already decoded. */
    record Raw(byte[] leafInput, byte[] extraData) {
    }

    private RawEntries() {
    }

    static Path testdata() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("testdata"))) {
                return dir.resolve("testdata");
            }
        }
        throw new IllegalStateException("run from the repository (no testdata/ above " + Path.of("").toAbsolutePath() + ")");
    }

    /** The real entries: 6 from get-entries responses, 1024 navigli precertificates with a 2-certificate chain. */
    static List<Raw> real() throws IOException {
        List<Raw> entries = new ArrayList<>();
        for (String file : List.of("rfc6962/ctgo-scanner-FourEntries.get-entries.json",
                "rfc6962/ctgo-logclient-precert-and-cert.get-entries.json")) {
            JsonArray page = new JsonObject(Files.readString(testdata().resolve(file))).getJsonArray("entries");
            for (int i = 0; i < page.size(); i++) {
                JsonObject entry = page.getJsonObject(i);
                entries.add(new Raw(Base64.getDecoder().decode(entry.getString("leaf_input")),
                        Base64.getDecoder().decode(entry.getString("extra_data"))));
            }
        }
        // navigli's issuers are not in testdata: two real CA certificates stand in for its chain.
        List<byte[]> chain = List.of(pemDer("certs/0687260331a72403d909f105e69bcf0d32e1bd2493ffc6d9206d11bcd6770739.pem"),
                pemDer("certs/001686cd181f83a1b1217d305b365c41e3470a78a1d37b134a98cd547b92dab3.pem"));
        for (int tile = 0; tile < 4; tile++) {
            byte[] bytes = Files.readAllBytes(testdata().resolve("static-ct/navigli2025h2/tile/data/00" + tile));
            TileDecodeResult decoded = TileDecoder.decode(bytes, tile * 256L, 256);
            for (TileEntry entry : decoded.entries()) {
                entries.add(new Raw(leafInput(entry.timestampMs(), EntryType.PRECERT, entry.leafDer(), entry.issuerKeyHash(), entry.tbs()),
                        precertExtraData(entry.leafDer(), chain)));
            }
        }
        return entries;
    }

    /** {@code count} entries of a simulated log (half RFC 6962 x509/precert mix as the simulator makes it). */
    static List<Raw> simulated(int count) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            CtLogSimulator simulator = CtLogSimulator.start(vertx, SimulatorConfig.builder()
                    .rfc6962Logs(1).tiledLogs(0).initialSize(count).growthPerSecond(0).seed(42).poolSize(300).build())
                    .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
            SimulatedLog log = simulator.logs().get(0);
            List<Raw> entries = new ArrayList<>(count);
            for (long i = 0; i < count; i++) {
                SimulatedEntry e = log.entry(i);
                entries.add(!e.precert()
                        ? new Raw(leafInput(e.timestampMs(), EntryType.X509, e.leafDer(), null, null), x509ExtraData(e.chainDer()))
                        : new Raw(leafInput(e.timestampMs(), EntryType.PRECERT, e.leafDer(), e.issuerKeyHash(), e.precertTbsDer()),
                        precertExtraData(e.leafDer(), e.chainDer())));
            }
            return entries;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static byte[] leafInput(long timestampMs, EntryType type, byte[] cert, byte[] issuerKeyHash, byte[] tbs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0); // version v1
        out.write(0); // timestamped_entry
        uint(out, 8, timestampMs);
        if (type == EntryType.X509) {
            uint(out, 2, 0);
            opaque3(out, cert);
        } else {
            uint(out, 2, 1);
            out.writeBytes(issuerKeyHash);
            opaque3(out, tbs);
        }
        uint(out, 2, 0); // no extensions
        return out.toByteArray();
    }

    private static byte[] x509ExtraData(List<byte[]> chain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        opaque3(out, certificateList(chain));
        return out.toByteArray();
    }

    private static byte[] precertExtraData(byte[] preCertificate, List<byte[]> chain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        opaque3(out, preCertificate);
        opaque3(out, certificateList(chain));
        return out.toByteArray();
    }

    private static byte[] certificateList(List<byte[]> chain) {
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        chain.forEach(der -> opaque3(list, der));
        return list.toByteArray();
    }

    private static void opaque3(ByteArrayOutputStream out, byte[] value) {
        uint(out, 3, value.length);
        out.writeBytes(value);
    }

    private static void uint(ByteArrayOutputStream out, int width, long value) {
        for (int shift = (width - 1) * 8; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
    }

    private static byte[] pemDer(String relative) throws IOException {
        String pem = Files.readString(testdata().resolve(relative));
        String body = pem.substring(pem.indexOf("-----BEGIN CERTIFICATE-----") + 27, pem.indexOf("-----END CERTIFICATE-----"));
        return Base64.getMimeDecoder().decode(body);
    }
}

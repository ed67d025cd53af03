package dev.certstream.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The firehose profile: 27 RFC 6962 and 21 static-ct-api logs under the operators of the 2026 log
 * list, with rates skewed like the real ones (the current shards of a few operators take 100-350
 * entries/s, most logs a few per second), about 1,500 entries/s in all (/work/shared/docs/ct-logs.md).
 * Labels are the real log families' names with "(simulated)"; rates are public figures rounded, not
 * measurements of those logs.
 */
final class FirehoseProfile {

    private record Row(String operator, boolean tiled, String shard, double perSecond) {
    }

    private static final List<Row> ROWS = List.of(
            // RFC 6962: 27 logs, 660 entries/s.
            new Row("Google", false, "Argon2026h1", 3), new Row("Google", false, "Argon2026h2", 150),
            new Row("Google", false, "Argon2027h1", 12), new Row("Google", false, "Xenon2026h1", 3),
            new Row("Google", false, "Xenon2026h2", 100), new Row("Google", false, "Xenon2027h1", 10),
            new Row("Google", false, "Solera2026h2", 6),
            new Row("Cloudflare", false, "Nimbus2026", 100), new Row("Cloudflare", false, "Nimbus2027", 8),
            new Row("DigiCert", false, "Wyvern2026h1", 2), new Row("DigiCert", false, "Wyvern2026h2", 40),
            new Row("DigiCert", false, "Wyvern2027h1", 4), new Row("DigiCert", false, "Sphinx2026h1", 2),
            new Row("DigiCert", false, "Sphinx2026h2", 130), new Row("DigiCert", false, "Sphinx2027h1", 4),
            new Row("Sectigo", false, "Mammoth2026h1", 2), new Row("Sectigo", false, "Mammoth2026h2", 25),
            new Row("Sectigo", false, "Sabre2026h1", 2), new Row("Sectigo", false, "Sabre2026h2", 20),
            new Row("Sectigo", false, "Elephant2026h2", 8), new Row("Sectigo", false, "Tiger2026h2", 8),
            new Row("Let's Encrypt", false, "Oak2026h1", 1), new Row("Let's Encrypt", false, "Oak2026h2", 5),
            new Row("TrustAsia", false, "Log2026a", 4), new Row("TrustAsia", false, "Log2026b", 6),
            new Row("TrustAsia", false, "Log2027a", 2), new Row("TrustAsia", false, "HETU2027", 3),
            // static-ct-api: 21 logs, 829 entries/s.
            new Row("Let's Encrypt", true, "Sycamore2026h1", 5), new Row("Let's Encrypt", true, "Sycamore2026h2", 200),
            new Row("Let's Encrypt", true, "Sycamore2027h1", 10), new Row("Let's Encrypt", true, "Willow2026h1", 5),
            new Row("Let's Encrypt", true, "Willow2026h2", 150), new Row("Let's Encrypt", true, "Willow2027h1", 10),
            new Row("Geomys", true, "Tuscolo2026h1", 3), new Row("Geomys", true, "Tuscolo2026h2", 30),
            new Row("Geomys", true, "Tuscolo2027h1", 4), new Row("Geomys", true, "Tuscolo2027h2", 2),
            new Row("IPng Networks", true, "Gouda2026h1", 4), new Row("IPng Networks", true, "Gouda2026h2", 20),
            new Row("IPng Networks", true, "Halloumi2026h1", 4), new Row("IPng Networks", true, "Halloumi2026h2", 350),
            new Row("TrustAsia", true, "Luoshu2026h2", 3), new Row("TrustAsia", true, "Luoshu2027h1", 5),
            new Row("TrustAsia", true, "Luoshu2027h2", 2),
            new Row("Cloudflare", true, "Raio2026h2", 8), new Row("Cloudflare", true, "Raio2027h1", 3),
            new Row("Sectigo", true, "Cheetah2026h2", 8), new Row("Sectigo", true, "Cheetah2027h1", 3));

    private FirehoseProfile() {
    }

    /** The 48 logs, rates multiplied by {@code rateScale}; named rfc0..rfc26 and tiled0..tiled20 in list order. */
    static List<LogSpec> logs(double rateScale) {
        List<LogSpec> logs = new ArrayList<>();
        int rfc = 0;
        int tiled = 0;
        for (Row row : ROWS) {
            String name = row.tiled() ? "tiled" + tiled++ : "rfc" + rfc++;
            logs.add(new LogSpec(name, row.tiled() ? "static-ct" : "rfc6962", row.operator(),
                    row.operator() + " '" + row.shard() + "' log (simulated)", row.perSecond() * rateScale));
        }
        return logs;
    }
}

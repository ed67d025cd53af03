package dev.certstream.gateway.filter;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.render.ct.EntryType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Random filters and certificates over a small vocabulary, so that they often meet. */
final class RandomFilters {

    private static final String[] LABELS = {"pay", "pal", "paypal", "bank", "login", "a", "x1", "secure", "mail", "www"};
    private static final String[] TLDS = {"com", "net", "org", "io"};
    private static final String[] ISSUERS = {"Let's Encrypt", "R11", "DigiCert Inc", "E5"};
    private static final String[] LOGS = {"https://ct.example.com/2026h1/", "https://tiles.example.net/log/"};
    private static final String[] OPERATORS = {"Google", "Cloudflare"};
    private static final String[] REGEXES = {"^pay.*\\.com$", "p[a4]yp[a4]l", "(login|secure)-?[0-9]*\\.", "^www\\.",
        "x1$", "[0-9]+", "bank\\.(io|net)$", "^[a-z]+\\.org$", "(?i)PAYPAL", "mail{1,2}"};

    private RandomFilters() {
    }

    static String domain(Random r) {
        StringBuilder name = new StringBuilder();
        int labels = 1 + r.nextInt(3);
        for (int i = 0; i < labels; i++) {
            name.append(LABELS[r.nextInt(LABELS.length)]);
            if (r.nextInt(4) == 0) {
                name.append(r.nextInt(10));
            }
            name.append(r.nextInt(5) == 0 ? "-" : ".");
        }
        return name.append(TLDS[r.nextInt(TLDS.length)]).toString();
    }

    static FilterSpec spec(Random r) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        int kinds = 1 + r.nextInt(3);
        for (int k = 0; k < kinds; k++) {
            switch (r.nextInt(8)) {
                case 0 -> add(params, "domain", domain(r));
                case 1 -> add(params, "domain", "*." + domain(r).substring(domain(r).indexOf('.') + 1 > 0 ? 0 : 0)
                        .replaceFirst("^[^.]*\\.", ""));
                case 2 -> add(params, "keyword", LABELS[r.nextInt(LABELS.length)] + (r.nextBoolean() ? "" : "."));
                case 3 -> add(params, "regex", REGEXES[r.nextInt(REGEXES.length)]);
                case 4 -> add(params, "issuer", ISSUERS[r.nextInt(ISSUERS.length)]);
                case 5 -> add(params, "log", r.nextBoolean() ? LOGS[r.nextInt(LOGS.length)] : OPERATORS[r.nextInt(OPERATORS.length)]);
                case 6 -> add(params, "type", r.nextBoolean() ? "precert" : "x509");
                default -> add(params, "keyword", LABELS[r.nextInt(LABELS.length)] + LABELS[r.nextInt(LABELS.length)]);
            }
        }
        return FilterQuery.parse(10, params, FilterLimits.defaults(), Set.of());
    }

    private static void add(Map<String, List<String>> params, String name, String value) {
        params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    static CertificateEnvelope cert(Random r, long index) {
        String[] domains = new String[r.nextInt(4)];
        for (int i = 0; i < domains.length; i++) {
            domains[i] = r.nextInt(10) == 0 ? domain(r).toUpperCase() : domain(r);
        }
        return FilterFixtures.cert(LOGS[r.nextInt(LOGS.length)], index, r.nextBoolean() ? EntryType.PRECERT : EntryType.X509,
                OPERATORS[r.nextInt(OPERATORS.length)], ISSUERS[r.nextInt(ISSUERS.length)], ISSUERS[r.nextInt(ISSUERS.length)],
                domains);
    }
}

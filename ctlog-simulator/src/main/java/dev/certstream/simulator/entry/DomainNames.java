package dev.certstream.simulator.entry;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Made-up but realistic DNS names for a leaf: every name carries the template's token (so each entry
 * gets its own names by patching the token), with wildcards and IDN (punycode) labels and TLDs.
 */
final class DomainNames {

    private static final String[] WORDS = {"shop", "mail", "cloud", "portal", "status", "blog", "pay",
        "media", "app", "secure", "dev", "edge", "login", "news", "store", "data", "cdn", "home"};
    private static final String[] SUBS = {"www", "api", "mail", "autodiscover", "cpanel", "webmail", "m",
        "static", "vpn", "admin", "beta", "img"};
    // Valid punycode: bücher, café, münchen, 中国 (as labels) and рф (as a TLD).
    private static final String[] IDN_LABELS = {"xn--bcher-kva", "xn--caf-dma", "xn--mnchen-3ya", "xn--fiqs8s"};
    private static final String[] TLDS = {"com", "net", "org", "io", "de", "fr", "co.uk", "com.br", "xn--p1ai"};

    private DomainNames() {
    }

    /**
     * How many SANs a leaf gets, in 1..100, skewed like the real logs: mostly one to three names,
     * a few multi-domain certificates with dozens.
     */
    static int sanCount(Random random) {
        int roll = random.nextInt(100);
        if (roll < 35) {
            return 1;
        }
        if (roll < 65) {
            return 2;
        }
        if (roll < 80) {
            return 3 + random.nextInt(3);
        }
        if (roll < 92) {
            return 6 + random.nextInt(15);
        }
        return roll < 99 ? 21 + random.nextInt(60) : 100;
    }

    /** {@code count} distinct names, each containing {@code token}. */
    static List<String> names(Random random, String token, int count) {
        Set<String> names = new LinkedHashSet<>();
        String base = domain(random, token, 0);
        names.add(base);
        int domainNumber = 1;
        while (names.size() < count) {
            int roll = random.nextInt(10);
            if (roll < 3) {
                names.add("*." + base);
            } else if (roll < 6) {
                names.add(SUBS[random.nextInt(SUBS.length)] + "." + base);
            } else if (roll < 7) {
                names.add(IDN_LABELS[random.nextInt(IDN_LABELS.length)] + "." + base);
            } else {
                base = domain(random, token, domainNumber++);
                names.add(random.nextBoolean() ? base : "www." + base);
            }
        }
        return new ArrayList<>(names);
    }

    private static String domain(Random random, String token, int number) {
        String word = WORDS[random.nextInt(WORDS.length)];
        String label = number == 0 ? word + "-" + token : word + number + "-" + token;
        return label + "." + TLDS[random.nextInt(TLDS.length)];
    }
}

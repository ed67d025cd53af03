package dev.certstream.render.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded mutations of real certificates: bit flips, truncation, length and tag edits, constructed-bit
 * flips, content edits, duplicated elements and splices of elements between certificates. Structural
 * edits either leave the enclosing lengths as they were (what a corrupt byte does) or fix them up (so
 * the damage reaches a printer deep inside instead of stopping the outer decoder).
 */
final class CertificateMutator {
    private final List<byte[]> seeds;
    private final List<List<Tlv>> seedElements = new ArrayList<>();

    CertificateMutator(List<byte[]> seeds) {
        this.seeds = List.copyOf(seeds);
        for (byte[] s : this.seeds) {
            seedElements.add(Tlv.flatten(s));
        }
    }

    int seedCount() {
        return seeds.size();
    }

    /** Mutant number {@code index} of run {@code seed}: the same pair always gives the same bytes. */
    byte[] mutant(long seed, long index) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        int from = r.nextInt(seeds.size());
        byte[] der = seeds.get(from);
        int edits = 1 + (r.nextInt(4) == 0 ? r.nextInt(3) : 0);
        for (int i = 0; i < edits; i++) {
            der = edit(der, r);
        }
        return der;
    }

    private byte[] edit(byte[] der, SplittableRandom r) {
        List<Tlv> elements = Tlv.flatten(der);
        int op = r.nextInt(elements.isEmpty() ? 2 : 12);
        if (der.length == 0) {
            return der;
        }
        switch (op) {
            case 0:
                return bitFlips(der, r);
            case 1:
                return Arrays.copyOf(der, r.nextInt(der.length));
            default:
                break;
        }
        Tlv t = elements.get(r.nextInt(elements.size()));
        boolean fix = r.nextBoolean();
        switch (op) {
            case 2, 3:
                return lengthEdit(der, t, r);
            case 4:
                return t.replaceHeader(der, tagEdit(der[t.start()] & 0xff, r), t.contentLength(), fix);
            case 5:
                return t.replaceHeader(der, (der[t.start()] & 0xff) ^ 0x20, t.contentLength(), fix);
            case 6, 7:
                return t.replaceContent(der, contentEdit(t.content(der), r), true);
            case 8:
                return t.replace(der, concat(t.encoding(der), t.encoding(der)), true);
            case 9:
                return t.replace(der, new byte[0], true);
            default:
                return splice(der, t, r);
        }
    }

    private static byte[] bitFlips(byte[] der, SplittableRandom r) {
        byte[] copy = der.clone();
        int flips = 1 + r.nextInt(r.nextBoolean() ? 2 : 8);
        for (int i = 0; i < flips; i++) {
            copy[r.nextInt(copy.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return copy;
    }

    /** A length off by a little, zero, indefinite, non-minimal, or huge, with or without the fix-up of enclosing lengths. */
    private static byte[] lengthEdit(byte[] der, Tlv t, SplittableRandom r) {
        int len = t.contentLength();
        return switch (r.nextInt(6)) {
            case 0 -> t.replaceHeader(der, der[t.start()] & 0xff, Math.max(0, len + r.nextInt(5) - 2), false);
            case 1 -> t.rawLength(der, new byte[] {0});
            case 2 -> t.rawLength(der, new byte[] {(byte) 0x80});
            case 3 -> t.rawLength(der, new byte[] {(byte) 0x82, (byte) (len >> 8), (byte) len});
            case 4 -> t.rawLength(der, new byte[] {(byte) 0x84, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) r.nextInt(256)});
            default -> t.rawLength(der, new byte[] {(byte) (0x81 + r.nextInt(8)), (byte) r.nextInt(256)});
        };
    }

    private static int tagEdit(int identifier, SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> (identifier & 0x20) | (1 + r.nextInt(30));          // another universal type
            case 1 -> (identifier ^ 0x80);                                 // universal <-> context
            case 2 -> 0x80 | (identifier & 0x20) | r.nextInt(9);          // a context tag [0]..[8]
            default -> identifier ^ (1 << r.nextInt(5));                   // a neighbouring number
        };
    }

    private static byte[] contentEdit(byte[] content, SplittableRandom r) {
        if (content.length == 0 || r.nextInt(4) == 0) {
            byte[] extra = new byte[1 + r.nextInt(3)];
            for (int i = 0; i < extra.length; i++) {
                extra[i] = (byte) interesting(r);
            }
            int at = r.nextInt(content.length + 1);
            return concat(Arrays.copyOf(content, at), extra, Arrays.copyOfRange(content, at, content.length));
        }
        byte[] c = content.clone();
        switch (r.nextInt(4)) {
            case 0 -> c[r.nextInt(c.length)] = (byte) interesting(r);
            case 1 -> c[r.nextInt(c.length)] ^= (byte) (1 << r.nextInt(8));
            case 2 -> {
                int at = r.nextInt(c.length);
                return concat(Arrays.copyOf(c, at), Arrays.copyOfRange(c, at + 1, c.length));
            }
            default -> {
                return Arrays.copyOf(c, r.nextInt(c.length));
            }
        }
        return c;
    }

    /** Bytes that tend to matter to a decoder: NUL, high bit, UTF-8 and BMP lead bytes, separators. */
    private static int interesting(SplittableRandom r) {
        int[] picks = {0x00, 0x01, 0x0a, 0x0d, 0x1b, 0x20, 0x22, 0x2b, 0x2c, 0x2f, 0x3d, 0x5c, 0x7f, 0x80, 0xbf, 0xc0, 0xc3, 0xd8,
            0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf8, 0xff};
        return r.nextInt(3) == 0 ? r.nextInt(256) : picks[r.nextInt(picks.length)];
    }

    /** Replaces the element with one from another certificate (of the same type two times in three). */
    private byte[] splice(byte[] der, Tlv t, SplittableRandom r) {
        int want = der[t.start()] & 0xff;
        for (int attempt = 0; attempt < 8; attempt++) {
            int s = r.nextInt(seeds.size());
            List<Tlv> donors = seedElements.get(s);
            if (donors.isEmpty()) {
                continue;
            }
            Tlv d = donors.get(r.nextInt(donors.size()));
            if (attempt < 7 && r.nextInt(3) != 0 && (seeds.get(s)[d.start()] & 0xff) != want) {
                continue;
            }
            return t.replace(der, d.encoding(seeds.get(s)), true);
        }
        return der;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}

package dev.certstream.render;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What one CT entry renders to: the three certstream messages as UTF-8 JSON, one after the other in one
 * array (so that a receiver can slice them instead of copying), and the facts about its certificate that
 * subscriptions select on, so that nobody parses the messages again.
 *
 * @param bytes              the {@code certificate_update} of the full stream in [0, liteFrom), the
 *                           {@code certificate_update} of the lite stream (no {@code as_der}, no chain) in
 *                           [liteFrom, domainsFrom), the {@code dns_entries} message in [domainsFrom, length)
 * @param liteFrom           where the lite message starts (the full one ends)
 * @param domainsFrom        where the dns_entries message starts (the lite one ends)
 * @param allDomains         the leaf's {@code all_domains}
 * @param issuerOrganization the leaf issuer's first O, or null
 * @param issuerCommonName   the leaf issuer's first CN, or null
 * @param leafSha256         SHA-256 of the leaf's DER (the precertificate's, for a precertificate entry)
 * @param issuanceId         the issuance id ({@link dev.certstream.render.ct.IssuanceId}), the same for a
 *                           precertificate and its final certificate; the messages carry it as {@code issuance_id}
 * @param fullVerifiedAt     where the value of {@code data.verified} starts in the full message
 * @param liteVerifiedAt     where the value of {@code data.verified} starts in the lite message (counted from
 *                           its own start)
 */
public record Renderings(byte[] bytes, int liteFrom, int domainsFrom, List<String> allDomains,
                         String issuerOrganization, String issuerCommonName, byte[] leafSha256, byte[] issuanceId,
                         int fullVerifiedAt, int liteVerifiedAt) {

    /** The field of {@code data} that says whether the entry was verified against its log's signed tree. */
    public static final String VERIFIED_FIELD = "verified";
    /** The value as rendered: 5 bytes, as long as {@link #TRUE} so that it can change in place. */
    static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    /** The verified value: JSON whitespace before {@code true} keeps the messages' lengths. */
    public static final byte[] TRUE = " true".getBytes(StandardCharsets.US_ASCII);

    public Renderings {
        if (liteFrom < 1 || domainsFrom <= liteFrom || domainsFrom >= bytes.length) {
            throw new IllegalArgumentException("messages at 0, " + liteFrom + ", " + domainsFrom + " of "
                    + bytes.length + " bytes");
        }
        if (!Arrays.equals(bytes, fullVerifiedAt, fullVerifiedAt + FALSE.length, FALSE, 0, FALSE.length)
                || !Arrays.equals(bytes, liteFrom + liteVerifiedAt, liteFrom + liteVerifiedAt + FALSE.length, FALSE, 0,
                FALSE.length)) {
            throw new IllegalArgumentException("no verified value at " + fullVerifiedAt + " and " + liteVerifiedAt);
        }
    }

    /**
     * Sets {@code "verified": true} in the full and lite messages, in place: call it before the messages
     * are handed to anyone (they are shared, not copied, from then on).
     */
    public void markVerified() {
        System.arraycopy(TRUE, 0, bytes, fullVerifiedAt, TRUE.length);
        System.arraycopy(TRUE, 0, bytes, liteFrom + liteVerifiedAt, TRUE.length);
    }

    /** Renderings without an issuance id (tools and tests that build them by hand). */
    public Renderings(byte[] bytes, int liteFrom, int domainsFrom, List<String> allDomains,
                      String issuerOrganization, String issuerCommonName, byte[] leafSha256, int fullVerifiedAt,
                      int liteVerifiedAt) {
        this(bytes, liteFrom, domainsFrom, allDomains, issuerOrganization, issuerCommonName, leafSha256, null,
                fullVerifiedAt, liteVerifiedAt);
    }

    /** A copy of the full stream's message (tools and tests; the watcher slices {@link #bytes()}). */
    public byte[] full() {
        return Arrays.copyOfRange(bytes, 0, liteFrom);
    }

    /** A copy of the lite stream's message. */
    public byte[] lite() {
        return Arrays.copyOfRange(bytes, liteFrom, domainsFrom);
    }

    /** A copy of the dns_entries message. */
    public byte[] domains() {
        return Arrays.copyOfRange(bytes, domainsFrom, bytes.length);
    }
}

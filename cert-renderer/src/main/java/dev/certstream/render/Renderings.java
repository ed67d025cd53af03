package dev.certstream.render;

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
 */
public record Renderings(byte[] bytes, int liteFrom, int domainsFrom, List<String> allDomains,
                         String issuerOrganization, String issuerCommonName, byte[] leafSha256, byte[] issuanceId) {

    public Renderings {
        if (liteFrom < 1 || domainsFrom <= liteFrom || domainsFrom >= bytes.length) {
            throw new IllegalArgumentException("messages at 0, " + liteFrom + ", " + domainsFrom + " of "
                    + bytes.length + " bytes");
        }
    }

    /** Renderings without an issuance id (tools and tests that build them by hand). */
    public Renderings(byte[] bytes, int liteFrom, int domainsFrom, List<String> allDomains,
                      String issuerOrganization, String issuerCommonName, byte[] leafSha256) {
        this(bytes, liteFrom, domainsFrom, allDomains, issuerOrganization, issuerCommonName, leafSha256, null);
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

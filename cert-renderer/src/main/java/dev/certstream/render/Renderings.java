package dev.certstream.render;

import java.util.List;

/**
 * What one CT entry renders to: the three certstream messages as UTF-8 JSON, and the facts about its
 * certificate that subscriptions select on, so that nobody parses the messages again.
 *
 * @param full               the {@code certificate_update} of the full stream
 * @param lite               the {@code certificate_update} of the lite stream (no {@code as_der}, no chain)
 * @param domains            the {@code dns_entries} message
 * @param allDomains         the leaf's {@code all_domains}
 * @param issuerOrganization the leaf issuer's first O, or null
 * @param issuerCommonName   the leaf issuer's first CN, or null
 * @param leafSha256         SHA-256 of the leaf's DER (the precertificate's, for a precertificate entry)
 */
public record Renderings(byte[] full, byte[] lite, byte[] domains, List<String> allDomains,
                         String issuerOrganization, String issuerCommonName, byte[] leafSha256) {
}

package dev.certstream.contract;

import java.util.List;
import java.util.Objects;

/**
 * What a gateway needs to know about a certificate without parsing its JSON: the fields that
 * subscriptions filter and de-duplicate on, taken from the renderer once, in the watcher.
 *
 * @param logOperator        the operator of the log the entry comes from
 * @param timestampMs        the entry's log timestamp, milliseconds since the epoch
 * @param domains            the leaf's {@code all_domains}
 * @param issuerOrganization the leaf issuer's first O, or null
 * @param issuerCommonName   the leaf issuer's first CN, or null
 * @param leafSha256         SHA-256 of the leaf's DER (32 bytes), or empty when unknown
 * @param issuanceId         SHA-256 of the issuance's TBS without poison and SCTs (32 bytes), or empty when unknown
 */
public record EntryFacts(String logOperator, long timestampMs, List<String> domains, String issuerOrganization,
                         String issuerCommonName, byte[] leafSha256, byte[] issuanceId) {

    /** Facts of an envelope made without them (tests, tools): nothing to filter on but the header. */
    public static final EntryFacts NONE = new EntryFacts("", 0, List.of(), null, null, new byte[0], new byte[0]);

    public EntryFacts {
        Objects.requireNonNull(logOperator, "logOperator");
        domains = List.copyOf(domains);
        leafSha256 = leafSha256 == null ? new byte[0] : leafSha256;
        issuanceId = issuanceId == null ? new byte[0] : issuanceId;
    }
}

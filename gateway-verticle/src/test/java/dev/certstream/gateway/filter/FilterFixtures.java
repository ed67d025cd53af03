package dev.certstream.gateway.filter;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.EntryFacts;
import dev.certstream.render.ct.EntryType;
import io.vertx.core.buffer.Buffer;

import java.util.List;
import java.util.regex.Pattern;

/** Certificates with facts, and a reference matcher that checks one filter the slow, obvious way. */
final class FilterFixtures {

    private FilterFixtures() {
    }

    static CertificateEnvelope cert(String log, long index, EntryType type, String operator, String issuerO,
                                    String issuerCn, String... domains) {
        EntryFacts facts = new EntryFacts(operator, 1_700_000_000_000L, List.of(domains), issuerO, issuerCn, null, null);
        Buffer body = Buffer.buffer("{}");
        return new CertificateEnvelope(log, index, type, 1L, facts, body, body, body);
    }

    /** The specification of matching, written out directly; RE2 and java.util.regex agree on these patterns. */
    static boolean reference(FilterSpec spec, CertificateEnvelope cert) {
        EntryFacts f = cert.facts();
        if (spec.hasDomainTerms()) {
            boolean any = false;
            for (String raw : f.domains()) {
                String d = raw.toLowerCase(java.util.Locale.ROOT);
                any |= spec.domains().contains(d)
                        || spec.suffixes().stream().anyMatch(d::endsWith)
                        || spec.keywords().stream().anyMatch(d::contains)
                        || spec.regexes().stream().anyMatch(r -> Pattern.compile(r).matcher(d).find());
            }
            if (!any) {
                return false;
            }
        }
        if (!spec.issuers().isEmpty() && !(spec.issuers().contains(FilterNames.issuer(f.issuerOrganization()))
                || spec.issuers().contains(FilterNames.issuer(f.issuerCommonName())))) {
            return false;
        }
        if (!spec.logs().isEmpty() && !(spec.logs().contains(FilterNames.log(cert.logUrl()))
                || spec.logs().contains(FilterNames.log(f.logOperator())))) {
            return false;
        }
        return spec.types().isEmpty() || spec.types().contains(cert.entryType());
    }
}

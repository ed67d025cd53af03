package dev.certstream.gateway.filter;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.EntryFacts;
import dev.certstream.render.ct.EntryType;

import java.util.List;

/**
 * A certificate's facts normalised the way filter values are ({@link FilterNames}), made once per
 * certificate for one evaluation; nothing here parses JSON.
 */
record CertFacts(String[] domains, String issuerO, String issuerCn, String log, String operator, EntryType type) {

    static CertFacts of(CertificateEnvelope envelope, NameCache names) {
        EntryFacts facts = envelope.facts();
        List<String> all = facts.domains();
        String[] domains = new String[all.size()];
        for (int i = 0; i < domains.length; i++) {
            domains[i] = FilterNames.lower(all.get(i));
        }
        return new CertFacts(domains, names.issuer(facts.issuerOrganization()), names.issuer(facts.issuerCommonName()),
                names.log(envelope.logUrl()), names.log(facts.logOperator()), envelope.entryType());
    }
}

package dev.certstream.simulator.entry;

import java.util.List;

/**
 * The simulated PKI: two roots (RSA and ECDSA P-384), intermediates under them and one
 * second-level CA, so leaves come with chains of one, two or three certificates.
 */
final class IssuerHierarchy {

    /** Labels of the RSA CA keys, so the pool can generate them in parallel before building the PKI. */
    static final List<String> RSA_KEY_LABELS = List.of("root-r1", "ca-r10");
    private static final String ORG = "C=US, O=Certstream Simulated Trust";

    final IssuerCa rsaRoot;
    final IssuerCa ecRoot;
    final IssuerCa rsaIntermediate;
    final IssuerCa ecIntermediate;
    final IssuerCa issuingCa;

    IssuerHierarchy(long seed, long epochMs) {
        rsaRoot = IssuerCa.root("root-r1", ORG + ", CN=Simulated Root R1",
                SimKey.of(SimKey.Kind.RSA2048, seed, "root-r1"), epochMs);
        ecRoot = IssuerCa.root("root-e1", ORG + ", CN=Simulated Root E1",
                SimKey.of(SimKey.Kind.P384, seed, "root-e1"), epochMs);
        rsaIntermediate = IssuerCa.intermediate("ca-r10", ORG + ", CN=Simulated RSA CA R10",
                SimKey.of(SimKey.Kind.RSA2048, seed, "ca-r10"), rsaRoot, 1, epochMs);
        ecIntermediate = IssuerCa.intermediate("ca-e5", ORG + ", CN=Simulated ECC CA E5",
                SimKey.of(SimKey.Kind.P384, seed, "ca-e5"), ecRoot, 0, epochMs);
        issuingCa = IssuerCa.intermediate("ca-s1", ORG + ", OU=Issuing, CN=Simulated Issuing CA S1",
                SimKey.of(SimKey.Kind.P256, seed, "ca-s1"), rsaIntermediate, 0, epochMs);
    }

    /** Every CA, roots included: what get-roots and issuer/ lookups can serve. */
    List<IssuerCa> all() {
        return List.of(rsaRoot, ecRoot, rsaIntermediate, ecIntermediate, issuingCa);
    }

    List<IssuerCa> roots() {
        return List.of(rsaRoot, ecRoot);
    }

    /**
     * The CA that signs a leaf, picked from {@code roll} in [0, 100): 10 % straight from a root
     * (chain of 1), 70 % from an intermediate (chain of 2), 20 % from the issuing CA (chain of 3).
     */
    IssuerCa pick(int roll) {
        if (roll < 10) {
            return roll < 5 ? rsaRoot : ecRoot;
        }
        if (roll < 80) {
            return roll < 45 ? rsaIntermediate : ecIntermediate;
        }
        return issuingCa;
    }
}

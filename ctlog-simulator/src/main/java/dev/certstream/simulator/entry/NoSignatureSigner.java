package dev.certstream.simulator.entry;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/**
 * A ContentSigner that signs nothing: used only to have Bouncy Castle lay out a TBSCertificate
 * (the precertificate TBS of a leaf_input) without paying for a signature that is thrown away.
 */
final class NoSignatureSigner implements ContentSigner {

    private final AlgorithmIdentifier algorithm;
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();

    NoSignatureSigner(AlgorithmIdentifier algorithm) {
        this.algorithm = algorithm;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm;
    }

    @Override
    public OutputStream getOutputStream() {
        return sink;
    }

    @Override
    public byte[] getSignature() {
        return new byte[0];
    }
}

package dev.certstream.watcher.ct;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The detached signature of a log list ({@code log_list.sig} next to {@code log_list.json}): SHA-256 with
 * the list signer's key over the list's bytes exactly as served. Google's key is the one its CT pages
 * publish at {@code https://www.gstatic.com/ct/log_list/v3/log_list_pubkey.pem}; it is built into the jar
 * on purpose, since a key fetched next to the list it checks proves nothing.
 *
 * @param url          where the signature is (http(s) or file URL)
 * @param publicKeyDer the signer's SubjectPublicKeyInfo (RSA or EC)
 */
public record LogListSignature(URI url, byte[] publicKeyDer) {

    /** Google's log list signing key, as its PEM is bundled in the jar. */
    static final String GOOGLE_KEY_RESOURCE = "/google-log-list-pubkey.pem";
    /** Signatures are 512 bytes (RSA-4096); anything much larger is not one. */
    static final int MAX_SIGNATURE_BYTES = 4096;

    public LogListSignature {
        publicKeyDer = publicKeyDer.clone();
        key(publicKeyDer);
    }

    /** The signature beside a {@code .json} list, checked with Google's key. */
    public static LogListSignature google(URI listUrl) {
        String url = listUrl.toString();
        if (!url.endsWith(".json")) {
            throw new IllegalArgumentException("a signed log list ends in .json, its signature in .sig: " + url);
        }
        return new LogListSignature(URI.create(url.substring(0, url.length() - ".json".length()) + ".sig"), googleKey());
    }

    /** Whether this is one of Google's published v3 lists, which are signed. */
    public static boolean isGoogleList(URI listUrl) {
        return "https".equals(listUrl.getScheme()) && "www.gstatic.com".equals(listUrl.getHost())
                && listUrl.getPath() != null && listUrl.getPath().matches("/ct/log_list/v3/[a-z_]+\\.json");
    }

    /**
     * Checks the signature over the list's bytes.
     *
     * @throws LogListException saying why when it does not verify
     */
    public void verify(byte[] list, byte[] signature) {
        if (signature.length == 0 || signature.length > MAX_SIGNATURE_BYTES) {
            throw new LogListException("log list signature " + url + " is " + signature.length + " bytes, not a signature");
        }
        PublicKey key = key(publicKeyDer);
        try {
            Signature verifier = Signature.getInstance(key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(list);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            throw new LogListException("log list signature " + url + " does not verify: " + e.getMessage());
        }
        throw new LogListException("log list signature " + url + " does not verify with the list signer's key");
    }

    private static PublicKey key(byte[] spkiDer) {
        try {
            ASN1ObjectIdentifier algorithm = SubjectPublicKeyInfo.getInstance(spkiDer).getAlgorithm().getAlgorithm();
            String name = X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm) ? "EC"
                    : PKCSObjectIdentifiers.rsaEncryption.equals(algorithm) ? "RSA" : null;
            if (name == null) {
                throw new IllegalArgumentException("log list key algorithm " + algorithm + " is neither RSA nor EC");
            }
            return KeyFactory.getInstance(name).generatePublic(new X509EncodedKeySpec(spkiDer));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("unusable log list key: " + e.getMessage(), e);
        }
    }

    static byte[] googleKey() {
        try (InputStream in = LogListSignature.class.getResourceAsStream(GOOGLE_KEY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(GOOGLE_KEY_RESOURCE + " is missing from the jar");
            }
            return fromPem(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The DER of a PEM {@code PUBLIC KEY}. */
    static byte[] fromPem(String pem) {
        String body = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogListSignature s && s.url.equals(url) && java.util.Arrays.equals(s.publicKeyDer, publicKeyDer);
    }

    @Override
    public int hashCode() {
        return url.hashCode();
    }
}

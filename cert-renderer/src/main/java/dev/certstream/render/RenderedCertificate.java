package dev.certstream.render;

import java.util.List;

/**
 * One certificate rendered as certstream JSON, kept in parts so that the full and lite forms are
 * assembled by copying bytes.
 *
 * @param body        UTF-8 JSON of the CERT object from '{' through {@code is_ca} (and {@code all_domains}
 *                    for a leaf), without the closing brace
 * @param asDerField  {@code ,"as_der":"<base64>"}
 * @param domainsJson the {@code all_domains} array as JSON ({@code []} for chain certificates)
 * @param allDomains  the leaf's domains, empty for chain certificates
 * @param sha256      SHA-256 of the DER
 * @param issuerOrganization the issuer's first O, or null
 * @param issuerCommonName   the issuer's first CN, or null
 */
public record RenderedCertificate(byte[] body, byte[] asDerField, byte[] domainsJson, List<String> allDomains,
                                  byte[] sha256, String issuerOrganization, String issuerCommonName) {

    /** The CERT object with {@code as_der}: the full stream's leaf and chain entries, and the parse command. */
    public byte[] full() {
        byte[] out = new byte[body.length + asDerField.length + 1];
        System.arraycopy(body, 0, out, 0, body.length);
        System.arraycopy(asDerField, 0, out, body.length, asDerField.length);
        out[out.length - 1] = '}';
        return out;
    }

    /** The CERT object without {@code as_der}: the lite stream's leaf. */
    public byte[] lite() {
        byte[] out = java.util.Arrays.copyOf(body, body.length + 1);
        out[body.length] = '}';
        return out;
    }

    /** Size of {@link #full()}, for sizing buffers. */
    public int fullLength() {
        return body.length + asDerField.length + 1;
    }
}

package dev.certstream.render;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One certificate rendered as certstream JSON, kept in parts so that the full and lite forms are written
 * straight into a message: the CERT object without its closing brace, and the base64 DER apart.
 *
 * @param json               the CERT object from '{' through {@code is_ca} (and {@code all_domains} for a
 *                           leaf) in its first {@code bodyLength} bytes; the array may be longer
 * @param bodyLength         how many bytes of {@code json} the object takes, without its closing brace
 * @param domainsFrom        where the {@code all_domains} array starts in {@code json} (a leaf), or -1
 * @param domainsTo          where it ends (exclusive), or -1
 * @param base64Der          the DER in base64, the value of {@code as_der}
 * @param allDomains         the leaf's domains, empty for chain certificates
 * @param sha256             SHA-256 of the DER
 * @param issuerOrganization the issuer's first O, or null
 * @param issuerCommonName   the issuer's first CN, or null
 */
public record RenderedCertificate(byte[] json, int bodyLength, int domainsFrom, int domainsTo, byte[] base64Der,
                                  List<String> allDomains, byte[] sha256, String issuerOrganization,
                                  String issuerCommonName) {
    private static final byte[] AS_DER_FIELD = ",\"as_der\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_DOMAINS = {'[', ']'};

    /** The CERT object with {@code as_der}: the full stream's leaf and chain entries, and the parse command. */
    public byte[] full() {
        byte[] out = new byte[fullLength()];
        writeFull(out, 0);
        return out;
    }

    /** The CERT object without {@code as_der}: the lite stream's leaf. */
    public byte[] lite() {
        byte[] out = new byte[liteLength()];
        writeLite(out, 0);
        return out;
    }

    /** Size of {@link #full()}. */
    public int fullLength() {
        return bodyLength + AS_DER_FIELD.length + base64Der.length + 2;
    }

    /** Size of {@link #lite()}. */
    public int liteLength() {
        return bodyLength + 1;
    }

    /** Size of the {@code all_domains} array's JSON ({@code []} for a chain certificate). */
    public int domainsLength() {
        return domainsFrom < 0 ? NO_DOMAINS.length : domainsTo - domainsFrom;
    }

    /** Writes {@link #full()} into {@code out} at {@code at}; returns where it ends. */
    public int writeFull(byte[] out, int at) {
        System.arraycopy(json, 0, out, at, bodyLength);
        at += bodyLength;
        System.arraycopy(AS_DER_FIELD, 0, out, at, AS_DER_FIELD.length);
        at += AS_DER_FIELD.length;
        System.arraycopy(base64Der, 0, out, at, base64Der.length);
        at += base64Der.length;
        out[at++] = '"';
        out[at++] = '}';
        return at;
    }

    /** Writes {@link #lite()} into {@code out} at {@code at}; returns where it ends. */
    public int writeLite(byte[] out, int at) {
        System.arraycopy(json, 0, out, at, bodyLength);
        at += bodyLength;
        out[at++] = '}';
        return at;
    }

    /** Writes the {@code all_domains} array's JSON into {@code out} at {@code at}; returns where it ends. */
    public int writeDomains(byte[] out, int at) {
        if (domainsFrom < 0) {
            System.arraycopy(NO_DOMAINS, 0, out, at, NO_DOMAINS.length);
            return at + NO_DOMAINS.length;
        }
        System.arraycopy(json, domainsFrom, out, at, domainsTo - domainsFrom);
        return at + domainsTo - domainsFrom;
    }
}

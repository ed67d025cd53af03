package dev.certstream.render.ct;



import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Decodes one RFC 6962 get-entries entry ({@code leaf_input} + {@code extra_data}) into a
 * {@link DecodedEntry}, checking every length and that nothing trails.
 */
public final class LeafInputDecoder {

    private static final int VERSION_V1 = 0;
    private static final int LEAF_TYPE_TIMESTAMPED_ENTRY = 0;

    private LeafInputDecoder() {
    }

    /** Same as {@link #decode}, from the base64 text of the JSON response, so bad base64 is one entry's error too. */
    public static DecodedEntry decodeBase64(long index, String leafInput, String extraData, String certLink)
            throws EntryDecodeException {
        if (leafInput == null || extraData == null) {
            throw new EntryDecodeException(certLink, index, "missing leaf_input or extra_data");
        }
        try {
            // The strict decoder: the MIME one skips stray characters and would hide a corrupted field.
            Base64.Decoder base64 = Base64.getDecoder();
            return decode(index, base64.decode(leafInput), base64.decode(extraData), certLink);
        } catch (IllegalArgumentException e) {
            throw new EntryDecodeException(certLink, index, "invalid base64: " + e.getMessage(), e);
        }
    }

    /**
     * @param index     the entry's index in its log (the caller's position in the get-entries page)
     * @param leafInput the MerkleTreeLeaf bytes
     * @param extraData the extra_data bytes: a certificate_chain, or a PrecertChainEntry
     * @param certLink  the get-entries URL of this entry, passed through to the result
     * @return the leaf (for a precert entry: the submitted pre_certificate, not the TBS) and its chain
     */
    public static DecodedEntry decode(long index, byte[] leafInput, byte[] extraData, String certLink)
            throws EntryDecodeException {
        TlsTimestampedEntry leaf = decodeLeafInput(index, leafInput, certLink);
        try {
            TlsReader extra = new TlsReader(extraData);
            byte[] leafDer;
            if (leaf.type() == EntryType.PRECERT) {
                leafDer = readCertificate(extra, "pre_certificate");
            } else {
                leafDer = leaf.certificate();
            }
            List<byte[]> chain = readChain(extra);
            extra.expectEnd("extra_data");
            return new DecodedEntry(index, leaf.timestampMs(), leaf.type(), leafDer, List.copyOf(chain), certLink, null,
                    leaf.tbs());
        } catch (TlsFormatException e) {
            throw new EntryDecodeException(certLink, index, "extra_data: " + e.getMessage(), e);
        }
    }

    /** Reads the MerkleTreeLeaf of a leaf_input: version, leaf type, TimestampedEntry, nothing after. */
    public static TlsTimestampedEntry decodeLeafInput(long index, byte[] leafInput, String certLink)
            throws EntryDecodeException {
        try {
            TlsReader reader = new TlsReader(leafInput);
            int version = reader.readUint8("version");
            if (version != VERSION_V1) {
                throw new EntryDecodeException(certLink, index, "leaf_input: unsupported version " + version);
            }
            int leafType = reader.readUint8("leaf_type");
            if (leafType != LEAF_TYPE_TIMESTAMPED_ENTRY) {
                throw new EntryDecodeException(certLink, index, "leaf_input: unknown leaf_type " + leafType);
            }
            TlsTimestampedEntry entry = TlsTimestampedEntry.read(reader);
            reader.expectEnd("MerkleTreeLeaf");
            if (entry.emptyPart() != null) {
                throw new EntryDecodeException(certLink, index, "leaf_input: empty " + entry.emptyPart());
            }
            return entry;
        } catch (TlsFormatException e) {
            throw new EntryDecodeException(certLink, index, "leaf_input: " + e.getMessage(), e);
        }
    }

    private static List<byte[]> readChain(TlsReader extra) throws TlsFormatException {
        TlsReader list = extra.readVector(3, "certificate_chain");
        List<byte[]> chain = new ArrayList<>();
        while (list.hasRemaining()) {
            chain.add(readCertificate(list, "chain certificate " + chain.size()));
        }
        return chain;
    }

    private static byte[] readCertificate(TlsReader reader, String field) throws TlsFormatException {
        int at = reader.position();
        byte[] der = reader.readOpaque(3, field);
        if (der.length == 0) {
            throw new TlsFormatException("empty " + field, at);
        }
        return der;
    }
}

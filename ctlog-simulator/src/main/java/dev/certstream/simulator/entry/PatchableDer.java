package dev.certstream.simulator.entry;

/**
 * A DER structure with the places where a per-entry name token and serial number go, so an entry is
 * made by copying the bytes and overwriting those places (same lengths, so the DER stays valid).
 * The issuer's signature is not redone, so only the pool's own template verifies; CT clients never
 * check leaf signatures, and this is what lets the simulator serve tens of thousands of entries a second.
 */
final class PatchableDer {

    static final int TOKEN_LENGTH = 10;
    static final int SERIAL_LENGTH = 16;

    private final byte[] der;
    private final int[] tokenOffsets;
    private final int serialOffset;

    PatchableDer(byte[] der, byte[] templateToken, byte[] templateSerial) {
        this.der = der;
        this.tokenOffsets = Bytes.findAll(der, templateToken);
        int[] serials = Bytes.findAll(der, templateSerial);
        if (tokenOffsets.length == 0 || serials.length != 1) {
            throw new IllegalStateException("template token or serial not found exactly where expected");
        }
        this.serialOffset = serials[0];
    }

    /** A copy with the token and serial replaced; both must have the template's lengths. */
    byte[] render(byte[] token, byte[] serial) {
        byte[] out = der.clone();
        for (int offset : tokenOffsets) {
            System.arraycopy(token, 0, out, offset, TOKEN_LENGTH);
        }
        System.arraycopy(serial, 0, out, serialOffset, SERIAL_LENGTH);
        return out;
    }

    /** The template bytes as built and signed. */
    byte[] template() {
        return der.clone();
    }

    int length() {
        return der.length;
    }
}

package dev.certstream.render.fuzz;

import dev.certstream.render.CertificateParseException;
import dev.certstream.render.CertificateRenderer;
import dev.certstream.render.asn1.AnyValue;
import dev.certstream.render.asn1.Der;
import dev.certstream.render.asn1.DerException;
import dev.certstream.render.ct.EntryDecodeException;
import dev.certstream.render.ct.LeafInputDecoder;
import dev.certstream.render.ct.TileDecodeResult;
import dev.certstream.render.ct.TileDecoder;
import dev.certstream.render.ct.TileEntry;
import dev.certstream.testing.AllocationBound;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.util.Arrays;

/**
 * Coverage-guided fuzzing (Jazzer) of the DER reader, the certificate renderer and the CT decoders: only
 * the documented parse exception may escape, and no input may allocate far beyond its own size. In a
 * normal test run each target replays its seed corpus and past findings
 * ({@code src/test/resources/dev/certstream/render/fuzz/DecoderFuzzTestInputs/<target>/}); to fuzz one:
 * {@code bin/certstream fuzz-jazzer --time 10m DecoderFuzzTest#renderer}.
 */
class DecoderFuzzTest {
    /** Generous: the renderer's JSON, hex and text forms of a value are a small multiple of its bytes. */
    private static final long PER_BYTE = 400;
    private static final long FIXED = 8L << 20;
    private static final CertificateRenderer RENDERER = new CertificateRenderer();

    static {
        // Class loading and the OID tables allocate once, on the first call: not the input's doing.
        try {
            byte[] cert = dev.certstream.testing.TestData.firstCertificate(dev.certstream.testing.TestData.oracleCertificates().get(0));
            RENDERER.render(cert, true).full();
            byte[] tile = dev.certstream.testing.TestData.bytes("static-ct/navigli2025h2/tile/data/003.p/10");
            for (TileEntry e : TileDecoder.decode("warm-up", tile, 768, 10).entries()) {
                e.merkleTreeLeaf(tile);
            }
            LeafInputDecoder.decode(0, new byte[0], new byte[0], "warm-up");
        } catch (Exception expected) {
            // the empty leaf_input is refused: that path is warm too
        }
    }

    @FuzzTest(maxDuration = "5m")
    void derReader(byte[] input) throws Exception {
        AllocationBound.check(input.length, PER_BYTE, FIXED, () -> walk(new Der(input)));
    }

    /** Reads every element the way the printers do, each accessor on its own; DerException is the only failure. */
    private static void walk(Der d) {
        while (d.hasNext()) {
            try {
                d.next();
            } catch (DerException e) {
                return;
            }
            try {
                if (d.constructed) {
                    walk(d.contents());
                }
            } catch (DerException expected) {
                // too deep
            }
            for (int i = 0; i < 4; i++) {
                try {
                    switch (i) {
                        case 0 -> d.octets();
                        case 1 -> d.integer();
                        case 2 -> d.oid();
                        default -> AnyValue.check(d);
                    }
                } catch (DerException expected) {
                    // the documented parse error
                }
            }
        }
    }

    @FuzzTest(maxDuration = "5m")
    void renderer(byte[] input) throws Exception {
        AllocationBound.check(input.length, PER_BYTE, FIXED, () -> {
            try {
                RENDERER.render(input, true).full();
            } catch (CertificateParseException expected) {
                // refused cleanly
            }
        });
    }

    /** Input: 2 bytes of leaf_input length, the leaf_input, then extra_data. */
    @FuzzTest(maxDuration = "5m")
    void leafInput(byte[] input) throws Exception {
        if (input.length < 2) {
            return;
        }
        int leafLength = (((input[0] & 0xff) << 8) | (input[1] & 0xff)) % (input.length - 1);
        byte[] leaf = Arrays.copyOfRange(input, 2, 2 + leafLength);
        byte[] extra = Arrays.copyOfRange(input, 2 + leafLength, input.length);
        AllocationBound.check(input.length, PER_BYTE, FIXED, () -> {
            try {
                LeafInputDecoder.decode(7, leaf, extra, "link");
            } catch (EntryDecodeException expected) {
                // refused cleanly
            }
        });
    }

    /** Input: 1 byte of expected width (1..256), then the tile. Tile errors are results, never exceptions. */
    @FuzzTest(maxDuration = "5m")
    void tile(byte[] input) throws Exception {
        if (input.length < 1) {
            return;
        }
        int width = (input[0] & 0xff) + 1;
        byte[] tile = Arrays.copyOfRange(input, 1, input.length);
        AllocationBound.check(input.length, PER_BYTE, FIXED, () -> {
            TileDecodeResult result = TileDecoder.decode("tile", tile, 768, width);
            long previous = 767;
            for (TileEntry e : result.entries()) {
                if (e.index() <= previous || e.timestampedEntryTo() > tile.length || e.timestampedEntryFrom() < 0) {
                    throw new AssertionError("entry " + e.index() + " out of order or outside the tile");
                }
                previous = e.index();
                e.merkleTreeLeaf(tile);
            }
        });
    }
}

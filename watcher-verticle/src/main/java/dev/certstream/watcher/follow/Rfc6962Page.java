package dev.certstream.watcher.follow;

import dev.certstream.render.ct.LeafInputDecoder;
import dev.certstream.watcher.ct.FetchException;
import dev.certstream.watcher.ct.LogSource;
import dev.certstream.watcher.verify.MerkleHash;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;

import java.io.IOException;
import java.util.Base64;

/**
 * The RFC 6962 half of reading a log: a get-entries response parsed straight from its body bytes (a
 * streaming parser, no JSON tree), each entry decoded and rendered as soon as it is read and on its own,
 * so that one bad leaf never loses its page. A body that is not JSON throughout loses the whole page (it
 * is fetched again): entries before a break cannot be told from a truncated answer.
 */
final class Rfc6962Page {

    /** As Vert.x reads JSON (comments allowed), so that what was accepted before still is. */
    private static final JsonFactory JSON = JsonFactory.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();
    private static final String NOT_AN_ENTRY = "entry is not an object with leaf_input and extra_data";

    private Rfc6962Page() {
    }

    /**
     * Renders the entries of a get-entries answer for [range.start, range.end): at most {@code range.length()}
     * of them (a log never legitimately returns more than asked; extra entries would have unknown indices).
     */
    static RenderedBatch render(byte[] body, LogSource source, EntryRange range, String url, EnvelopeRenderer renderer) {
        Entries page = null;
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new FetchException(FetchException.Kind.BAD_BODY, "get-entries from " + url + " has no entries array");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean entries = "entries".equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (entries) {
                    // As with a JSON object, a repeated field counts only the last time.
                    page = value == JsonToken.START_ARRAY ? read(parser, source, range, renderer) : null;
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new IOException("unexpected content after the answer's object");
            }
        } catch (IOException e) {
            throw new FetchException(FetchException.Kind.BAD_BODY, "get-entries from " + url + " is not JSON: " + e.getMessage());
        }
        if (page == null) {
            throw new FetchException(FetchException.Kind.BAD_BODY, "get-entries from " + url + " has no entries array");
        }
        if (page.size == 0) {
            throw new FetchException(FetchException.Kind.BAD_BODY, "get-entries from " + url + " returned no entries");
        }
        return page.batch.done(range.start(), Math.min(page.size, range.length()));
    }

    /** Reads the entries array, rendering the first {@code range.length()} entries. */
    private static Entries read(JsonParser parser, LogSource source, EntryRange range, EnvelopeRenderer renderer)
            throws IOException {
        EnvelopeRenderer.Batch batch = renderer.batch(source, range.length());
        Base64.Decoder base64 = Base64.getDecoder();
        int size = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == null) {
                throw new IOException("the entries array is not closed");
            }
            long index = range.start() + size;
            if (size++ >= range.length() || token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                if (size <= range.length()) {
                    batch.skip(index, NOT_AN_ENTRY);
                }
                continue;
            }
            String leaf = null;
            String extra = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("leaf_input")) {
                    leaf = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                } else if (name.equals("extra_data")) {
                    extra = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                } else {
                    parser.skipChildren();
                }
            }
            if (leaf == null || extra == null) {
                batch.skip(index, NOT_AN_ENTRY);
                continue;
            }
            String link = source.url() + "ct/v1/get-entries?start=" + index + "&end=" + index;
            byte[] leafInput;
            try {
                leafInput = base64.decode(leaf);
            } catch (IllegalArgumentException e) {
                batch.skip(index, e);
                continue;
            }
            // The tree holds the leaf as served, whatever its content: hashed even when it does not decode.
            batch.leafHash(size - 1, MerkleHash.leaf(leafInput));
            try {
                batch.render(LeafInputDecoder.decode(index, leafInput, base64.decode(extra), link));
            } catch (Exception e) {
                // Bad base64 or framing: this one entry's bytes.
                batch.skip(index, e);
            }
        }
        return new Entries(batch, size);
    }

    /** The entries array as read: what was rendered or skipped, and how many entries it held. */
    private record Entries(EnvelopeRenderer.Batch batch, int size) {
    }
}

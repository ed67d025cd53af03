package dev.certstream.systest.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Files of one JSON object a line that scripts append to while a test reads them (a partial last line is left out). */
public final class JsonLines {

    private JsonLines() {
    }

    /** The complete lines parsed; with {@code field}, the JSON text in that string field of each line parsed instead. */
    public static List<JsonNode> read(Path file, String field) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank() && line.endsWith("}")) {
                    JsonNode node = parse(line);
                    out.add(field == null ? node : parse(node.path(field).asText()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static JsonNode parse(String json) {
        try {
            return Http.JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}

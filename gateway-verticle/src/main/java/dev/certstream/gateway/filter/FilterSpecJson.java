package dev.certstream.gateway.filter;

import dev.certstream.render.ct.EntryType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A normalised filter as JSON, exactly (each kind's values as they are, no query-string escaping to undo):
 * how a gateway hands a client's filter to a peer that serves part of its replay.
 */
public final class FilterSpecJson {

    private static final List<String> KINDS = List.of("domains", "suffixes", "keywords", "regexes", "issuers", "logs");

    private FilterSpecJson() {
    }

    public static JsonObject of(FilterSpec spec) {
        List<Set<String>> values = List.of(spec.domains(), spec.suffixes(), spec.keywords(), spec.regexes(),
                spec.issuers(), spec.logs());
        JsonObject json = new JsonObject();
        for (int i = 0; i < KINDS.size(); i++) {
            if (!values.get(i).isEmpty()) {
                json.put(KINDS.get(i), new JsonArray(List.copyOf(values.get(i))));
            }
        }
        if (!spec.types().isEmpty()) {
            json.put("types", new JsonArray(spec.types().stream().map(Enum::name).toList()));
        }
        return json;
    }

    /** The filter; an {@link IllegalArgumentException} for JSON that no gateway would send. */
    public static FilterSpec parse(JsonObject json) {
        List<TreeSet<String>> values = KINDS.stream().map(kind -> {
            TreeSet<String> set = new TreeSet<>();
            json.getJsonArray(kind, new JsonArray()).forEach(v -> set.add((String) v));
            return set;
        }).toList();
        Set<EntryType> types = EnumSet.noneOf(EntryType.class);
        json.getJsonArray("types", new JsonArray()).forEach(t -> types.add(EntryType.valueOf((String) t)));
        return new FilterSpec(values.get(0), values.get(1), values.get(2), values.get(3), values.get(4), values.get(5), types);
    }
}

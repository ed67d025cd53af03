package dev.certstream.contract;

import io.vertx.core.json.JsonObject;

/** Reads optional numbers from the contract's JSON, where "not known" is written as an explicit null. */
final class JsonFields {

    private JsonFields() {
    }

    /**
     * The field as a long, or {@code absent} when it is missing or null: Vert.x's {@code getLong(key, def)}
     * returns null (not the default) for a key that is present with a null value.
     */
    static long longOr(JsonObject json, String key, long absent) {
        Long value = json.getLong(key);
        return value == null ? absent : value;
    }
}

package dev.certstream.node;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;
import io.vertx.core.json.JsonObject;

/**
 * How the two sides' copies of a map of indices (the watchers' progress) merge after a split: the higher
 * index wins, so a merge never moves a log backwards whichever side Hazelcast merges into which (its
 * default keeps the surviving side's value, however stale). A value is a progress record's JSON (its
 * {@code next} field is the index) or, from earlier versions, a number; one that is neither loses. Hazelcast instantiates it by class name on every member, so every role's jar has it.
 */
public final class HigherIndexMergePolicy implements SplitBrainMergePolicy<Object, MergingValue<Object>, Object> {

    @Override
    public Object merge(MergingValue<Object> merging, MergingValue<Object> existing) {
        if (existing == null) {
            return merging == null ? null : merging.getRawValue();
        }
        if (merging == null) {
            return existing.getRawValue();
        }
        return index(merging.getValue()) > index(existing.getValue()) ? merging.getRawValue() : existing.getRawValue();
    }

    /** A value's next index: a number (earlier versions), or the {@code next} field of a progress record's JSON. */
    static long index(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String json) {
            try {
                Object next = new JsonObject(json).getValue("next");
                return next instanceof Long || next instanceof Integer ? ((Number) next).longValue() : Long.MIN_VALUE;
            } catch (RuntimeException e) {
                return Long.MIN_VALUE;
            }
        }
        return Long.MIN_VALUE;
    }

    @Override
    public void writeData(ObjectDataOutput out) {
        // Stateless: nothing to send with a merge operation.
    }

    @Override
    public void readData(ObjectDataInput in) {
        // Stateless.
    }
}

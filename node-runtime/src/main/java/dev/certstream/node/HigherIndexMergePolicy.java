package dev.certstream.node;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;

/**
 * How the two sides' copies of a map of indices (the watchers' progress) merge after a split: the higher
 * index wins, so a merge never moves a log backwards whichever side Hazelcast merges into which (its
 * default keeps the surviving side's value, however stale). A value that is not a number loses to one that
 * is. Hazelcast instantiates it by class name on every member, so every role's jar has it.
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

    private static long index(Object value) {
        return value instanceof Number number ? number.longValue() : Long.MIN_VALUE;
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

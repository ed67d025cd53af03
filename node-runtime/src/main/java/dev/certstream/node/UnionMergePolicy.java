package dev.certstream.node;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * How the two sides' copies of Vert.x's subscription multimap merge after a split: every subscription of
 * either side is kept. Hazelcast's default keeps the surviving side's set of an address and drops the merged
 * side's, so a gateway merged back had no subscription in the cluster until it published its own again,
 * seconds later, and the surviving side's watchers, back to publishing meanwhile, passed it by (82
 * certificates of every log lost to a majority gateway's client, measured). A side removes the subscriptions
 * of the other side's members when it removes them, so the union brings back nothing of a gone member.
 */
public final class UnionMergePolicy implements SplitBrainMergePolicy<Collection<Object>, MergingValue<Collection<Object>>, Object> {

    @Override
    @SuppressWarnings("unchecked")
    public Object merge(MergingValue<Collection<Object>> merging, MergingValue<Collection<Object>> existing) {
        Set<Object> union = new LinkedHashSet<>();
        for (MergingValue<Collection<Object>> side : java.util.Arrays.asList(existing, merging)) {
            if (side != null && side.getRawValue() instanceof Collection<?> values) {
                union.addAll((Collection<Object>) values);
            }
        }
        return union;
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

package dev.certstream.node;

import com.hazelcast.spi.merge.MergingValue;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** After a split, the subscriptions of both sides survive, whichever side merges into which. */
class UnionMergePolicyTest {

    private final UnionMergePolicy policy = new UnionMergePolicy();

    private static MergingValue<Collection<Object>> values(Object... values) {
        return new MergingValue<>() {
            @Override
            public Collection<Object> getValue() {
                return List.of(values);
            }

            @Override
            public Object getRawValue() {
                return List.of(values);
            }
        };
    }

    @Test
    void bothSidesSubscriptionsAreKeptOnce() {
        assertEquals(Set.of("gateway-1", "gateway-2", "broker-2"),
                policy.merge(values("gateway-1", "broker-2"), values("gateway-2", "broker-2")));
        assertEquals(Set.of("gateway-1"), policy.merge(values("gateway-1"), null));
        assertEquals(Set.of("gateway-2"), policy.merge(null, values("gateway-2")));
    }
}

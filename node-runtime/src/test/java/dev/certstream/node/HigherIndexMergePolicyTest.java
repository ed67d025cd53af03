package dev.certstream.node;

import com.hazelcast.spi.merge.MergingValue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** After a split, the higher of the two sides' indices survives, whichever side merges into which. */
class HigherIndexMergePolicyTest {

    private final HigherIndexMergePolicy policy = new HigherIndexMergePolicy();

    private static MergingValue<Object> value(Object value) {
        return new MergingValue<>() {
            @Override
            public Object getValue() {
                return value;
            }

            @Override
            public Object getRawValue() {
                return "raw:" + value;
            }
        };
    }

    @Test
    void theHigherIndexWinsEitherWay() {
        assertEquals("raw:12", policy.merge(value(12L), value(7L)));
        assertEquals("raw:12", policy.merge(value(7L), value(12L)));
        assertEquals("raw:7", policy.merge(value(7L), value(7L)));
    }

    @Test
    void progressRecordsCompareByTheirNextIndex() {
        String behind = "{\"next\":4857,\"frontier\":\"AAAA\"}";
        String ahead = "{\"next\":6190}";
        assertEquals("raw:" + ahead, policy.merge(value(ahead), value(behind)));
        assertEquals("raw:" + ahead, policy.merge(value(behind), value(ahead)));
        assertEquals("raw:" + ahead, policy.merge(value(ahead), value(5000L)));
        assertEquals("raw:" + behind, policy.merge(value("{\"next\":1.5e9}"), value(behind)));
        assertEquals("raw:" + behind, policy.merge(value("{not json"), value(behind)));
    }

    @Test
    void aMissingSideOrANonNumberLoses() {
        assertEquals("raw:5", policy.merge(value(5L), null));
        assertEquals("raw:5", policy.merge(null, value(5L)));
        assertNull(policy.merge(null, null));
        assertEquals("raw:3", policy.merge(value("junk"), value(3L)));
    }
}

package dev.certstream.gateway.filter;

import com.google.re2j.Pattern;
import dev.certstream.render.ct.EntryType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link FilterSegment} from distinct filters: every pattern string enters the automaton once
 * whatever number of filters use it, and every distinct regex is compiled once. A filter without domain
 * terms is filed under its most selective other kind (issuer, then log, then type).
 */
final class SegmentBuilder {

    private final List<FilterEntry> filters;
    private final Map<String, List<Integer>> exact = new HashMap<>();
    private final Map<String, SlotLists> slots = new LinkedHashMap<>();
    private final Map<String, Integer> regexIds = new LinkedHashMap<>();
    private final List<List<Integer>> regexFilters = new ArrayList<>();
    private final List<Integer> scanRegexes = new ArrayList<>();
    private final Map<String, List<Integer>> issuers = new HashMap<>();
    private final Map<String, List<Integer>> logs = new HashMap<>();
    private final List<List<Integer>> byType = new ArrayList<>();
    private int patterns;

    private static final class SlotLists {
        final List<Integer> keyword = new ArrayList<>();
        final List<Integer> suffix = new ArrayList<>();
        final List<Integer> regex = new ArrayList<>();
    }

    private SegmentBuilder(List<FilterEntry> filters) {
        this.filters = filters;
        for (int i = 0; i < EntryType.values().length; i++) {
            byType.add(new ArrayList<>());
        }
    }

    static FilterSegment build(List<FilterEntry> filters) {
        return of(filters).finish();
    }

    /** A builder holding every filter's values in its working maps, not yet finished (IndexFootprint weighs those). */
    static SegmentBuilder of(List<FilterEntry> filters) {
        SegmentBuilder builder = new SegmentBuilder(filters);
        for (int id = 0; id < filters.size(); id++) {
            builder.add(id, filters.get(id).spec());
        }
        return builder;
    }

    private void add(int id, FilterSpec spec) {
        patterns += spec.terms();
        spec.domains().forEach(d -> exact.computeIfAbsent(d, k -> new ArrayList<>()).add(id));
        spec.keywords().forEach(k -> slot(k).keyword.add(id));
        spec.suffixes().forEach(s -> slot(s).suffix.add(id));
        for (String regex : spec.regexes()) {
            Integer known = regexIds.get(regex);
            if (known == null) {
                known = regexIds.size();
                regexIds.put(regex, known);
                regexFilters.add(new ArrayList<>());
                RegexShape.Shape shape = RegexShape.of(regex);
                if (shape.literals() == null) {
                    scanRegexes.add(known);
                } else {
                    for (String literal : shape.literals()) {
                        slot(literal).regex.add(known);
                    }
                }
            }
            regexFilters.get(known).add(id);
        }
        if (spec.hasDomainTerms()) {
            return;
        }
        if (!spec.issuers().isEmpty()) {
            spec.issuers().forEach(i -> issuers.computeIfAbsent(i, k -> new ArrayList<>()).add(id));
        } else if (!spec.logs().isEmpty()) {
            spec.logs().forEach(l -> logs.computeIfAbsent(l, k -> new ArrayList<>()).add(id));
        } else {
            spec.types().forEach(t -> byType.get(t.ordinal()).add(id));
        }
    }

    private SlotLists slot(String pattern) {
        return slots.computeIfAbsent(pattern, k -> new SlotLists());
    }

    FilterSegment finish() {
        List<String> patternList = new ArrayList<>(slots.keySet());
        FilterSegment.Slot[] slotOf = new FilterSegment.Slot[patternList.size()];
        for (int i = 0; i < slotOf.length; i++) {
            SlotLists lists = slots.get(patternList.get(i));
            slotOf[i] = new FilterSegment.Slot(i, ints(lists.keyword), ints(lists.suffix), ints(lists.regex));
        }
        PatternAutomaton automaton = PatternAutomaton.build(patternList);
        Pattern[] compiled = new Pattern[regexIds.size()];
        regexIds.forEach((regex, id) -> compiled[id] = Pattern.compile(regex));
        int[][] regexUsers = regexFilters.stream().map(SegmentBuilder::ints).toArray(int[][]::new);
        int[][] types = byType.stream().map(SegmentBuilder::ints).toArray(int[][]::new);
        return new FilterSegment(filters.toArray(new FilterEntry[0]), intMap(exact), automaton, slotOf, compiled,
                regexUsers, ints(scanRegexes), intMap(issuers), intMap(logs), types, patterns);
    }

    private static Map<String, int[]> intMap(Map<String, List<Integer>> lists) {
        Map<String, int[]> out = new HashMap<>(lists.size() * 2);
        lists.forEach((key, ids) -> out.put(key, ints(ids)));
        return out;
    }

    private static final int[] NONE = new int[0];

    private static int[] ints(List<Integer> list) {
        // Most slots serve one role, so most of their id lists are empty: share one array for those.
        return list.isEmpty() ? NONE : list.stream().mapToInt(Integer::intValue).toArray();
    }
}

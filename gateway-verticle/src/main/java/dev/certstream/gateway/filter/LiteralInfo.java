package dev.certstream.gateway.filter;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@link RegexShape} knows about one part of an expression: the finite set of strings it matches
 * exactly (null when unknown or too many), the best set of literals one of which every match contains
 * (null when none is known), and its estimated program size.
 */
record LiteralInfo(Set<String> exact, Set<String> best, long size) {

    static LiteralInfo literal(String text) {
        Set<String> one = Set.of(text);
        return new LiteralInfo(one, one, text.length());
    }

    /** A zero-width part ({@code ^}, {@code \\b}, a flag group): adjacent literals stay adjacent across it. */
    static LiteralInfo empty(long size) {
        return new LiteralInfo(Set.of(""), null, size);
    }

    /** A part that matches something we do not reduce to literals. */
    static LiteralInfo opaque(long size) {
        return new LiteralInfo(null, null, size);
    }

    /** One character out of a small set (a bracket class), or opaque when {@code chars} is null. */
    static LiteralInfo oneOf(Set<String> chars) {
        return chars == null ? opaque(1) : new LiteralInfo(chars, chars, 1);
    }

    /** The same part inside a group (one more instruction for the capture). */
    LiteralInfo grown(long extra) {
        return new LiteralInfo(exact, best, RegexShape.cap(size + extra));
    }

    /** {@code a|b|c}: matches one of the alternatives, so a literal is required only if each has one. */
    static LiteralInfo union(List<LiteralInfo> alternatives) {
        Set<String> exact = new TreeSet<>();
        Set<String> best = new TreeSet<>();
        long size = alternatives.size() - 1;
        for (LiteralInfo alt : alternatives) {
            size = RegexShape.cap(size + alt.size);
            exact = alt.exact == null || exact == null ? null : LiteralSets.union(exact, alt.exact);
            Set<String> altBest = alt.best != null ? alt.best : alt.exact;
            best = altBest == null || best == null || LiteralSets.score(altBest) == 0 ? null
                    : LiteralSets.union(best, altBest);
        }
        return new LiteralInfo(exact, best, size);
    }
}

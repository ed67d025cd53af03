package dev.certstream.gateway.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the gateway needs to know about a (valid, RE2-syntax) regular expression before it runs it on every
 * certificate: an estimate of its compiled size, to refuse programs like {@code (a{1000}){1000}}, and a set
 * of literal strings of which every match must contain one (its prefilter), so the regex runs only on
 * domains where the multi-pattern index found one of them. The walk is conservative: a construct it does
 * not reduce to literals contributes none, which costs speed (the regex runs more often), never a miss.
 * Case-insensitive expressions get no literals (case folding maps letters like U+017F onto ASCII).
 */
final class RegexShape {

    /** Literals shorter than this hit too many domains to be worth a prefilter. */
    static final int MIN_LITERAL = 2;
    private static final long SIZE_CAP = 1L << 40;

    /** The estimated size and the prefilter (null: none, the regex must run on every domain). */
    record Shape(long size, Set<String> literals) {
    }

    private final String pattern;
    private int pos;
    private boolean caseless;

    private RegexShape(String pattern) {
        this.pattern = pattern;
    }

    static Shape of(String pattern) {
        RegexShape walk = new RegexShape(pattern);
        LiteralInfo info = walk.alternation();
        Set<String> literals = info.best();
        boolean usable = !walk.caseless && walk.pos == pattern.length() && literals != null
                && LiteralSets.score(literals) >= MIN_LITERAL;
        return new Shape(info.size(), usable ? literals : null);
    }

    private boolean more() {
        return pos < pattern.length();
    }

    private char peek() {
        return pattern.charAt(pos);
    }

    private LiteralInfo alternation() {
        List<LiteralInfo> alternatives = new ArrayList<>();
        alternatives.add(sequence());
        while (more() && peek() == '|') {
            pos++;
            alternatives.add(sequence());
        }
        return alternatives.size() == 1 ? alternatives.get(0) : LiteralInfo.union(alternatives);
    }

    private LiteralInfo sequence() {
        LiteralSets.Sequence seq = new LiteralSets.Sequence();
        while (more() && peek() != '|' && peek() != ')') {
            LiteralInfo atom = atom();
            int[] repeat = quantifier();
            seq.add(atom, repeat == null ? 1 : repeat[0], repeat == null ? 1 : repeat[1]);
        }
        return seq.result();
    }

    /** {min, max} of a quantifier after an atom (max -1: unbounded), or null when there is none. */
    private int[] quantifier() {
        if (!more()) {
            return null;
        }
        int[] repeat = switch (peek()) {
            case '*' -> new int[] {0, -1};
            case '+' -> new int[] {1, -1};
            case '?' -> new int[] {0, 1};
            case '{' -> counted();
            default -> null;
        };
        if (repeat != null) {
            pos++; // past the operator, or the closing brace of a counted repeat
            if (more() && peek() == '?') {
                pos++; // non-greedy: the same shape
            }
        }
        return repeat;
    }

    /** {@code {n}}, {@code {n,}}, {@code {n,m}}; leaves pos on the closing brace. Else null: '{' is a literal. */
    private int[] counted() {
        int end = pattern.indexOf('}', pos);
        if (end < 0 || !pattern.substring(pos + 1, end).matches("\\d{1,4}(,\\d{0,4})?")) {
            return null;
        }
        String[] parts = pattern.substring(pos + 1, end).split(",", -1);
        int min = Integer.parseInt(parts[0]);
        int max = parts.length == 1 ? min : parts[1].isEmpty() ? -1 : Integer.parseInt(parts[1]);
        pos = end;
        return new int[] {min, max};
    }

    private LiteralInfo atom() {
        int c = pattern.codePointAt(pos);
        pos += Character.charCount(c);
        return switch (c) {
            case '(' -> group();
            case '[' -> LiteralInfo.oneOf(charClass());
            case '\\' -> escape();
            case '.' -> LiteralInfo.opaque(1);
            case '^', '$' -> LiteralInfo.empty(1);
            default -> LiteralInfo.literal(new String(Character.toChars(c)));
        };
    }

    /**
     * A bracket class after its '['; its characters when it is a short positive list or range (so
     * {@code p[a4]ypal} yields four literals), else null. Leaves pos after the closing ']'.
     */
    private Set<String> charClass() {
        boolean negated = more() && peek() == '^';
        if (negated) {
            pos++;
        }
        Set<String> chars = new java.util.TreeSet<>();
        boolean small = !negated;
        boolean first = true;
        while (more() && (peek() != ']' || first)) {
            first = false;
            if (pattern.startsWith("[:", pos)) {
                pos = after(pattern.indexOf(":]", pos + 2), 2);
                small = false;
                continue;
            }
            int low = classChar();
            if (low >= 0 && pattern.startsWith("-", pos) && pos + 1 < pattern.length() && pattern.charAt(pos + 1) != ']') {
                pos++;
                int high = classChar();
                if (high < low || high - low >= LiteralSets.MAX_CLASS) {
                    small = false;
                } else {
                    for (int c = low; c <= high; c++) {
                        chars.add(new String(Character.toChars(c)));
                    }
                }
            } else if (low >= 0) {
                chars.add(new String(Character.toChars(low)));
            } else {
                small = false;
            }
        }
        pos++; // ']'
        return small && !chars.isEmpty() && chars.size() <= LiteralSets.MAX_CLASS ? chars : null;
    }

    /** One character of a class, or -1 for an escape naming a set ({@code \d}, {@code \pL}, ...). */
    private int classChar() {
        int c = pattern.codePointAt(pos);
        pos += Character.charCount(c);
        if (c != '\\' || !more()) {
            return c;
        }
        char d = pattern.charAt(pos++);
        if (!Character.isLetterOrDigit(d) && d < 0x80) {
            return d;
        }
        if ((d == 'p' || d == 'P' || d == 'x') && more() && peek() == '{') {
            pos = after(pattern.indexOf('}', pos), 1);
        } else if (d == 'p' || d == 'P') {
            pos = Math.min(pattern.length(), pos + 1);
        } else if (d == 'x') {
            pos = Math.min(pattern.length(), pos + 2);
        }
        return -1;
    }

    private LiteralInfo group() {
        if (more() && peek() == '?') {
            pos++;
            if (more() && (peek() == 'P' || peek() == '<')) {
                pos = after(pattern.indexOf('>', pos), 1); // named capture
            } else {
                int start = pos;
                while (more() && peek() != ')' && peek() != ':') {
                    pos++;
                }
                String flags = pattern.substring(start, pos);
                int minus = flags.indexOf('-');
                if ((minus < 0 ? flags : flags.substring(0, minus)).indexOf('i') >= 0) {
                    caseless = true;
                }
                if (more() && peek() == ')') {
                    pos++;
                    return LiteralInfo.empty(0); // a flag setting: matches nothing itself
                }
                pos++; // ':'
            }
        }
        LiteralInfo inner = alternation();
        if (more() && peek() == ')') {
            pos++;
        }
        return inner.grown(1);
    }

    private LiteralInfo escape() {
        if (!more()) {
            return LiteralInfo.opaque(1);
        }
        char d = pattern.charAt(pos++);
        if (d == 'Q') {
            int end = pattern.indexOf("\\E", pos);
            String quoted = pattern.substring(pos, end < 0 ? pattern.length() : end);
            pos = end < 0 ? pattern.length() : end + 2;
            return quoted.isEmpty() ? LiteralInfo.empty(0) : LiteralInfo.literal(quoted);
        }
        if (!Character.isLetterOrDigit(d) && d < 0x80) {
            return LiteralInfo.literal(String.valueOf(d));
        }
        switch (d) {
            case 'A', 'z', 'b', 'B' -> {
                return LiteralInfo.empty(1);
            }
            case 'p', 'P', 'x' -> {
                if (more() && peek() == '{') {
                    pos = after(pattern.indexOf('}', pos), 1);
                } else {
                    pos = Math.min(pattern.length(), pos + (d == 'x' ? 2 : 1));
                }
            }
            default -> {
                while (Character.isDigit(d) && more() && Character.isDigit(peek())) {
                    pos++; // octal
                }
            }
        }
        return LiteralInfo.opaque(1);
    }

    /** The position just past a token found at {@code found}, or the end when it was not found. */
    private int after(int found, int length) {
        return found < 0 ? pattern.length() : found + length;
    }

    static long cap(long size) {
        return Math.min(size, SIZE_CAP);
    }
}

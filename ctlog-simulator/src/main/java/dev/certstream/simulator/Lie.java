package dev.certstream.simulator;

import java.util.Arrays;
import java.util.Locale;

/**
 * A way a simulated log can lie to its monitors, switchable per log ({@link SimulatedLog#lie(Lie)}, or the
 * CLI's {@code --lie NAME=KIND@AT[:FROM]}). Every lie keeps the log's key: what it serves is signed as a
 * real log would sign it, except for {@link Kind#BAD_SIGNATURE}.
 *
 * @param kind what the log does wrong
 * @param at   {@link Kind#TAMPERED_ENTRY}: the index whose bytes change; {@link Kind#FORK}: the first index
 *             where the second tree differs; otherwise the smallest tree size whose heads lie
 * @param from {@link Kind#FORK}: the smallest tree size whose heads (and served entries, tiles and proofs)
 *             come from the second tree; equal to {@code at} for the other kinds
 */
public record Lie(Kind kind, long at, long from) {

    /** The lies, named as the CLI names them. */
    public enum Kind {
        /** One entry's bytes are changed after the tree was built (its log timestamp, 1 ms later): heads stay honest. */
        TAMPERED_ENTRY("tampered-entry"),
        /** Heads of a size at or above {@code at} carry a wrong root hash, properly signed. */
        WRONG_ROOT("wrong-root"),
        /**
         * A split view: once the tree reaches {@code from}, the log serves a second tree that shares only
         * its first {@code at} entries with the one it served before (entries from {@code at} on are
         * re-logged 1 ms later), with heads, proofs and hash tiles of that tree, properly signed.
         */
        FORK("fork"),
        /** Heads of a size at or above {@code at} carry a signature that does not verify. */
        BAD_SIGNATURE("bad-signature");

        private final String cliName;

        Kind(String cliName) {
            this.cliName = cliName;
        }

        public String cliName() {
            return cliName;
        }
    }

    public Lie {
        if (kind == null) {
            throw new IllegalArgumentException("a lie needs a kind");
        }
        if (at < 0 || from < at || (kind == Kind.FORK ? from == at : from != at)) {
            throw new IllegalArgumentException(kind.cliName + ": need 0 <= at" + (kind == Kind.FORK ? " < from" : "")
                    + ", got at " + at + ", from " + from);
        }
    }

    /** Entry {@code index} is served with other bytes than the tree holds. */
    public static Lie tamperedEntry(long index) {
        return new Lie(Kind.TAMPERED_ENTRY, index, index);
    }

    /** Heads of {@code fromSize} entries and more carry a wrong root. */
    public static Lie wrongRoot(long fromSize) {
        return new Lie(Kind.WRONG_ROOT, fromSize, fromSize);
    }

    /** From a tree of {@code fromSize} on, the log serves a tree that shares only its first {@code branchAt} entries. */
    public static Lie fork(long branchAt, long fromSize) {
        return new Lie(Kind.FORK, branchAt, fromSize);
    }

    /** Heads of {@code fromSize} entries and more carry a bad signature. */
    public static Lie badSignature(long fromSize) {
        return new Lie(Kind.BAD_SIGNATURE, fromSize, fromSize);
    }

    /** Parses the CLI form: {@code tampered-entry@N}, {@code wrong-root@N}, {@code bad-signature@N}, {@code fork@N:S}. */
    public static Lie parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        int atSign = trimmed.indexOf('@');
        if (atSign <= 0) {
            throw new IllegalArgumentException("expected KIND@N (fork@N:S), got '" + text + "'");
        }
        String name = trimmed.substring(0, atSign);
        Kind kind = Arrays.stream(Kind.values()).filter(k -> k.cliName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown lie '" + name + "' (known: "
                        + String.join(",", Arrays.stream(Kind.values()).map(Kind::cliName).toList()) + ")"));
        String[] numbers = trimmed.substring(atSign + 1).split(":", -1);
        if (numbers.length != (kind == Kind.FORK ? 2 : 1)) {
            throw new IllegalArgumentException(kind == Kind.FORK ? "fork needs fork@BRANCH:FROM, got '" + text + "'"
                    : kind.cliName + " takes one number, got '" + text + "'");
        }
        try {
            long at = Long.parseLong(numbers[0]);
            return new Lie(kind, at, numbers.length == 2 ? Long.parseLong(numbers[1]) : at);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer in '" + text + "'");
        }
    }

    /** The CLI form of this lie. */
    public String cliText() {
        return kind.cliName + "@" + at + (kind == Kind.FORK ? ":" + from : "");
    }
}

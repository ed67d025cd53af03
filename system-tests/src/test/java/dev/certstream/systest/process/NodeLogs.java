package dev.certstream.systest.process;

import dev.certstream.systest.check.NodeStats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Hazelcast's own member lists from what the nodes wrote to their logs (format
 * {@code HH:mm:ss.SSS LEVEL [thread] Logger - message}): a node's member id and each member list with the
 * time it was logged, from which the moment every member (gateways too, which have no probe server) saw
 * another one leave is read. Our own log lines are never waited on: the nodes' state comes from
 * {@link NodeStats}; {@link #linesSince} only quotes lines in reports.
 */
public final class NodeLogs {

    private static final Pattern STAMP = Pattern.compile("^(\\d{2}:\\d{2}:\\d{2}\\.\\d{3}) ");
    private static final Pattern SELF = Pattern.compile("^\\s*Member \\[[^]]+]:\\d+ - (\\S+) this\\s*$");
    private static final Pattern MEMBER = Pattern.compile("^\\s*Member \\[[^]]+]:\\d+ - (\\S+)");

    /** One "Members {size:n, ...} [...]" block: when it was logged and the member ids in it. */
    public record MemberList(Instant at, Set<String> members) {
    }

    private NodeLogs() {
    }

    /** The lines logged at or after {@code since} (with the continuation lines of multi-line entries). */
    public static List<String> linesSince(ServerProcess process, Instant since) {
        Instant from = since.minusMillis(1);
        List<String> after = new ArrayList<>();
        Instant stamp = null;
        for (String line : lines(process.logFile())) {
            Matcher time = STAMP.matcher(line);
            if (time.find()) {
                stamp = toInstant(LocalTime.parse(time.group(1)));
            }
            if (stamp != null && !stamp.isBefore(from)) {
                after.add(line);
            }
        }
        return after;
    }

    /** The node's Hazelcast member id (the member list line marked "this"). */
    public static Optional<String> memberId(ServerProcess process) {
        for (String line : lines(process.logFile())) {
            Matcher self = SELF.matcher(line);
            if (self.find()) {
                return Optional.of(self.group(1));
            }
        }
        return Optional.empty();
    }

    /** Every member list the node logged, with the time of the line that introduced it. */
    public static List<MemberList> memberLists(ServerProcess process) {
        List<MemberList> lists = new ArrayList<>();
        Instant stamp = null;
        Set<String> current = null;
        for (String line : lines(process.logFile())) {
            Matcher time = STAMP.matcher(line);
            if (time.find()) {
                stamp = toInstant(LocalTime.parse(time.group(1)));
            }
            if (line.startsWith("Members {size:")) {
                current = new LinkedHashSet<>();
            } else if (current != null) {
                Matcher member = MEMBER.matcher(line);
                if (member.find()) {
                    current.add(member.group(1));
                } else if (line.trim().equals("]")) {
                    lists.add(new MemberList(stamp, current));
                    current = null;
                }
            }
        }
        return lists;
    }

    /** When the node first logged a member list without {@code memberId}, at or after {@code since}. */
    public static Optional<Instant> removalLoggedAt(ServerProcess observer, String memberId, Instant since) {
        // Log times have millisecond resolution: a list logged in the same millisecond as `since` counts.
        Instant from = since.minusMillis(1);
        return memberLists(observer).stream()
                .filter(list -> list.at() != null && !list.at().isBefore(from) && !list.members().contains(memberId))
                .map(MemberList::at).findFirst();
    }

    /**
     * A log time (local, no date) as an instant: the test and the nodes share one clock and zone, and a
     * time far ahead of now belongs to yesterday (a run across midnight).
     */
    private static Instant toInstant(LocalTime time) {
        ZoneId zone = ZoneId.systemDefault();
        LocalDateTime now = LocalDateTime.now(zone);
        LocalDateTime stamped = now.toLocalDate().atTime(time);
        if (stamped.isAfter(now.plusHours(12))) {
            stamped = stamped.minusDays(1);
        }
        return stamped.atZone(zone).toInstant();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}

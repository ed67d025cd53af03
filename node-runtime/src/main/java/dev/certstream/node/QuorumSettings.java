package dev.certstream.node;

import java.time.Duration;

/**
 * Who may publish while the cluster is split, from {@code CERTSTREAM_QUORUM_*}: a side of a split goes on
 * only while it holds a majority of the watchers and brokers it knows of (see {@link Quorum}).
 *
 * @param members the watchers plus brokers the deployment runs; a side needs more than half of them (or of
 *                all it has seen, if more). 0 counts only those seen, which lets a member that starts alone
 *                go on: set it where a new member may start in a cut-off part of the network.
 * @param forget  how long a side that holds a quorum keeps counting a member that left before it stops
 *                expecting it back, so that members lost one at a time never cost the rest their quorum
 */
public record QuorumSettings(int members, Duration forget) {

    public QuorumSettings {
        if (members < 0) {
            throw new ConfigException("CERTSTREAM_QUORUM_MEMBERS", "must not be negative", Integer.toString(members));
        }
    }

    /** Reads the variables; a bad value stops the process naming its variable. */
    public static QuorumSettings fromEnv(EnvReader env) {
        return new QuorumSettings(env.integer("CERTSTREAM_QUORUM_MEMBERS", 0, 0, 1000),
                // Removal takes the failure timeout already; 10 s more rides out a member restarting on the spot.
                env.duration("CERTSTREAM_QUORUM_FORGET", Duration.ofSeconds(10), Duration.ZERO, Duration.ofHours(24)));
    }
}

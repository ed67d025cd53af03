package dev.certstream.watcher;

import dev.certstream.node.ConfigException;
import dev.certstream.node.EnvReader;

import java.util.regex.Pattern;

/**
 * How the watcher presents itself to log operators and how hard it may press each of them: the contact
 * its User-Agent names (static-ct operators ask monitors for one and reward it with higher limits), and a
 * request budget per operator shared by all of that operator's logs this watcher follows.
 *
 * @param contact      an e-mail address or URL where the operator of this server can be reached; null
 *                     when none was given (the User-Agent then names only the software)
 * @param operatorRate requests per second this watcher sends to one log operator at most, all of its
 *                     logs together; 0 = no operator budget (per-log pacing, backoff and Retry-After
 *                     still apply)
 */
public record PolitenessSettings(String contact, int operatorRate) {

    /** Printable ASCII without the characters a User-Agent comment cannot hold unescaped. */
    private static final Pattern CONTACT = Pattern.compile("[\\x21-\\x7E&&[^()\\\\]][\\x20-\\x7E&&[^()\\\\]]{0,199}");

    public PolitenessSettings {
        if (contact != null && !CONTACT.matcher(contact).matches()) {
            throw new IllegalArgumentException("contact must be 1-200 printable ASCII characters without ( ) \\: " + contact);
        }
        if (operatorRate < 0) {
            throw new IllegalArgumentException("operatorRate must not be negative: " + operatorRate);
        }
    }

    /** Reads the variables; a bad value stops the process naming its variable. */
    public static PolitenessSettings fromEnv(EnvReader env) {
        String contact = env.raw("CERTSTREAM_CONTACT");
        if (contact != null && !CONTACT.matcher(contact).matches()) {
            throw new ConfigException("CERTSTREAM_CONTACT",
                    "must be an e-mail address or URL: 1-200 printable ASCII characters without ( ) \\", contact);
        }
        // A busy operator runs 6-8 logs; following them at a 1 s head cadence takes 2-3 requests/s each, 20-25
        // in all and near 40 in its busiest seconds (the firehose profile), so 50 never delays a fresh
        // watcher; a backlog after an outage is caught up at this rate. Operators that throttle (429 with
        // Retry-After) are obeyed whatever the budget. Its window keeps one time per request (10,000 at most).
        return new PolitenessSettings(contact, env.integer("CERTSTREAM_OPERATOR_RATE", 50, 0, 10_000));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes a few values (tests); the record's constructor validates the result. */
    public static final class Builder {
        private String contact;
        private int operatorRate;

        private Builder(PolitenessSettings c) {
            contact = c.contact;
            operatorRate = c.operatorRate;
        }

        public Builder contact(String v) { contact = v; return this; }
        public Builder operatorRate(int v) { operatorRate = v; return this; }

        public PolitenessSettings build() {
            return new PolitenessSettings(contact, operatorRate);
        }
    }
}

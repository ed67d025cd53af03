package dev.certstream.node;

/**
 * When a JVM sheds load to keep its heap from running out, from {@code CERTSTREAM_HEAP_*}: past
 * {@code shedPercent} of the old generation live after a collection it stops taking on more (new clients,
 * new fetches), and goes on at {@code resumePercent}. {@code shedPercent} 0 turns the guard off.
 */
public record HeapGuardSettings(int shedPercent, int resumePercent) {

    public HeapGuardSettings {
        if (shedPercent != 0 && (shedPercent < 50 || shedPercent > 99)) {
            throw new ConfigException("CERTSTREAM_HEAP_SHED_PERCENT", "must be 0 (off) or 50-99", Integer.toString(shedPercent));
        }
        if (shedPercent != 0 && (resumePercent < 10 || resumePercent >= shedPercent)) {
            throw new ConfigException("CERTSTREAM_HEAP_RESUME_PERCENT",
                    "must be at least 10 and below CERTSTREAM_HEAP_SHED_PERCENT (" + shedPercent + ")",
                    Integer.toString(resumePercent));
        }
    }

    /** Reads the variables; a bad value stops the process naming its variable. */
    public static HeapGuardSettings fromEnv(EnvReader env) {
        // 85 %: the embedded default's live data peaks at ~60 % of its old generation (the cold start with 120
        // clients), so the guard only acts past every load measured; 70 % so it does not flap around the mark.
        return new HeapGuardSettings(env.integer("CERTSTREAM_HEAP_SHED_PERCENT", 85, 0, 99),
                env.integer("CERTSTREAM_HEAP_RESUME_PERCENT", 70, 0, 99));
    }

    public boolean off() {
        return shedPercent == 0;
    }
}

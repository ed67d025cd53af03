package dev.certstream.gateway.resume;

import dev.certstream.gateway.unique.UniqueMode;

import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * What a stream request asks beyond its filter: where to resume ({@code since}, or on SSE the
 * {@code Last-Event-ID} header), whether it wants {@code cursor} and {@code gap} messages, and
 * {@code unique}. None of these change the shape of a certificate message; the two message types go only
 * to clients that ask for them.
 *
 * @param since   the cursor to resume after, or null to start at the live stream's position
 * @param cursors whether the client gets {@code cursor} messages
 * @param gaps    whether the client gets {@code gap} messages
 * @param unique  which repeated certificates are left out
 */
public record ResumeRequest(Cursor since, boolean cursors, boolean gaps, UniqueMode unique) {

    /** The query parameters read here: they are not filters. */
    public static final Set<String> PARAMETERS = Set.of("since", "cursor", "gaps", "unique");
    public static final ResumeRequest NONE = new ResumeRequest(null, false, false, UniqueMode.NONE);

    /**
     * Reads the parameters; a bad value is an {@link IllegalArgumentException} whose message can go to the
     * client as it is.
     *
     * @param param       a query parameter's last value, or null
     * @param lastEventId the SSE {@code Last-Event-ID} header (it wins over {@code since}: an EventSource keeps
     *                    its first URL and sends the newer position in the header), or null
     */
    public static ResumeRequest parse(Function<String, String> param, String lastEventId) {
        String sinceText = lastEventId != null && !lastEventId.isBlank() ? lastEventId : param.apply("since");
        Cursor since = null;
        if (sinceText != null) {
            try {
                since = Cursor.parse(sinceText);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException((lastEventId != null && !lastEventId.isBlank() ? "Last-Event-ID" : "since")
                        + ": " + e.getMessage());
            }
        }
        String unique = param.apply("unique");
        return new ResumeRequest(since, flag("cursor", param.apply("cursor")), flag("gaps", param.apply("gaps")),
                unique == null ? UniqueMode.NONE : UniqueMode.parse(unique));
    }

    private static boolean flag(String name, String value) {
        if (value == null) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "", "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false: '"
                    + (value.length() > 20 ? value.substring(0, 20) + "..." : value) + "'");
        };
    }

    public boolean resumes() {
        return since != null;
    }
}

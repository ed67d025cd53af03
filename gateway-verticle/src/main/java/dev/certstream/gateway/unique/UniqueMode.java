package dev.certstream.gateway.unique;

/** What {@code unique=} asks for: nothing, each certificate once, or each issuance once. */
public enum UniqueMode {
    /** Every entry, as the logs hold them. */
    NONE,
    /** An entry whose leaf DER was already sent (another log had it) is dropped. */
    CERTIFICATE,
    /** Also a precertificate and its final certificate count as one: only the first is sent. */
    ISSUANCE;

    /** The mode a {@code unique} parameter names; an {@link IllegalArgumentException} when it names none. */
    public static UniqueMode parse(String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "certificate", "cert" -> CERTIFICATE;
            case "issuance" -> ISSUANCE;
            case "none", "" -> NONE;
            default -> throw new IllegalArgumentException("unique must be certificate or issuance: '"
                    + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'");
        };
    }
}

package dev.certstream.watcher.ct;

import dev.certstream.watcher.verify.SignedTreeHead;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** A CT request that failed: an HTTP status, a timeout, a network error or an unusable body. */
public final class FetchException extends RuntimeException {

    /**
     * What went wrong, coarse enough to count and to choose a pacing reaction; {@code BAD_SIGNATURE}: a signed
     * head whose signature does not verify with the log list's key.
     */
    public enum Kind { RATE_LIMITED, SERVER_ERROR, CLIENT_ERROR, NOT_FOUND, TIMEOUT, NETWORK, TOO_LARGE, BAD_BODY, BAD_SIGNATURE }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;
    private final SignedTreeHead rejectedHead;

    public FetchException(Kind kind, int status, Duration retryAfter, String message) {
        this(kind, status, retryAfter, message, null);
    }

    private FetchException(Kind kind, int status, Duration retryAfter, String message, SignedTreeHead rejectedHead) {
        super(message);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
        this.rejectedHead = rejectedHead;
    }

    /** A signed head refused for its signature ({@code head} null when not even its fields could be read). */
    public static FetchException badSignature(String message, SignedTreeHead head) {
        return new FetchException(Kind.BAD_SIGNATURE, 0, null, message, head);
    }

    /** The head refused for its signature, or null. */
    public SignedTreeHead rejectedHead() {
        return rejectedHead;
    }

    public FetchException(Kind kind, String message) {
        this(kind, 0, null, message);
    }

    /** The failure an HTTP status stands for. */
    public static FetchException forStatus(int status, String retryAfterHeader, String url) {
        Kind kind = status == 429 ? Kind.RATE_LIMITED
                : status == 404 ? Kind.NOT_FOUND
                : status >= 500 ? Kind.SERVER_ERROR : Kind.CLIENT_ERROR;
        return new FetchException(kind, status, parseRetryAfter(retryAfterHeader), "HTTP " + status + " from " + url);
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    /** The server's Retry-After, or null when it gave none (or none that parses). */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whether the log is telling us to slow down (as opposed to a broken answer). */
    public boolean isOverload() {
        return kind == Kind.RATE_LIMITED || kind == Kind.SERVER_ERROR || kind == Kind.TIMEOUT;
    }

    /** Retry-After as delta-seconds or an HTTP date; null when absent or unusable. */
    static Duration parseRetryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration until = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}

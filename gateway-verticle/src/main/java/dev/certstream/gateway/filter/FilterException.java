package dev.certstream.gateway.filter;

/**
 * A filter the gateway will not serve: {@link #status()} is 400 for a bad query (syntax, length, number
 * of terms), 503 when the gateway's own filter capacity is used up. The message names the problem and is
 * safe to show to the client (it never echoes a token).
 */
public final class FilterException extends RuntimeException {

    private final int status;

    FilterException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static FilterException bad(String message) {
        return new FilterException(400, message);
    }

    static FilterException capacity(String message) {
        return new FilterException(503, message);
    }

    public int status() {
        return status;
    }
}

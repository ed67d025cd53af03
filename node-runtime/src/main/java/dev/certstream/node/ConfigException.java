package dev.certstream.node;

import java.net.BindException;

/** An environment variable with a value the server cannot use; the message names the variable. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String variable, String problem, String value) {
        super(variable + ": " + problem + " (got '" + value + "')");
    }

    public ConfigException(String message) {
        super(message);
    }

    private ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * What to report when listening on {@code port} failed: a ConfigException naming {@code variable} when the
     * port was taken (by another process, or a second node on the host), else the failure as it is.
     */
    public static Throwable whenPortTaken(Throwable failure, String variable, String host, int port) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t.getMessage());
            // NIO throws BindException; Netty's native transports an IOException with the same text.
            if (t instanceof BindException || message.contains("Address already in use")) {
                return new ConfigException(variable + ": port " + port + " on " + host
                        + " is already in use (another process, or another certstream node on this host, listens"
                        + " there); set " + variable + " to a free port", failure);
            }
        }
        return failure;
    }
}

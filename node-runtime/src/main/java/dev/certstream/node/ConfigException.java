package dev.certstream.node;

/** An environment variable with a value the server cannot use; the message names the variable. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String variable, String problem, String value) {
        super(variable + ": " + problem + " (got '" + value + "')");
    }

    public ConfigException(String message) {
        super(message);
    }
}

package dev.certstream.watcher.ct;

import dev.certstream.render.LogDescription;

import java.util.Objects;

/**
 * A CT log as the watcher follows it, from the log list or from configuration.
 *
 * @param url           RFC 6962: the log's {@code url}; static-ct-api: its {@code monitoring_url}; always ending in '/'
 * @param name          the log's description
 * @param operator      the operator's name
 * @param type          which API it speaks
 * @param submissionUrl static-ct-api: the {@code submission_url} (its checkpoint origin); null for RFC 6962
 * @param publicKeyDer  the log's SubjectPublicKeyInfo (DER) from the list, or null when unknown
 * @param state         the log list state ({@code usable}, {@code readonly}, ...), or {@code custom}
 */
public record LogSource(String url, String name, String operator, LogType type, String submissionUrl,
                        byte[] publicKeyDer, String state) implements LogDescription {

    public LogSource {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(type, "type");
        if (!url.endsWith("/")) {
            url = url + "/";
        }
        name = name == null ? url : name;
        operator = operator == null ? "" : operator;
    }

    @Override
    public String typeName() {
        return type.wireName();
    }

    /** Two sources are the same log when they have the same URL and API (the list may re-describe it). */
    @Override
    public boolean equals(Object o) {
        return o instanceof LogSource other && url.equals(other.url) && type == other.type;
    }

    @Override
    public int hashCode() {
        return url.hashCode() * 31 + type.hashCode();
    }

    @Override
    public String toString() {
        return type.wireName() + " " + url;
    }
}

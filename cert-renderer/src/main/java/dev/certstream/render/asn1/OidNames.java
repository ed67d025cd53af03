package dev.certstream.render.asn1;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * OpenSSL 3.0's names for object identifiers (its built-in table, shipped as a resource), so that
 * attribute types, extension keys and purposes read exactly as {@code openssl x509 -text} shows them.
 */
public final class OidNames {
    /** One row of OpenSSL's object table; digest and key are set for signature algorithms only. */
    public record Entry(String oid, String shortName, String longName, String digest, String key) {
    }

    private static final Map<String, Entry> BY_OID = load();

    private OidNames() {
    }

    public static Entry entry(String oid) {
        return BY_OID.get(oid);
    }

    /** OpenSSL's short name (OBJ_nid2sn), or null when OpenSSL has no name for the OID. */
    public static String shortName(String oid) {
        Entry e = BY_OID.get(oid);
        return e == null ? null : e.shortName;
    }

    /** OBJ_obj2txt without no_name: the long name, else the short name, else the dotted OID. */
    public static String text(String oid) {
        Entry e = BY_OID.get(oid);
        if (e == null) {
            return oid;
        }
        return e.longName.isEmpty() ? e.shortName : e.longName;
    }

    /** {@link #text} cut as OpenSSL cuts it when printing into a fixed buffer of {@code bufferSize} bytes. */
    public static String text(String oid, int bufferSize) {
        String t = text(oid);
        return t.length() >= bufferSize ? t.substring(0, bufferSize - 1) : t;
    }

    private static Map<String, Entry> load() {
        Map<String, Entry> map = new HashMap<>(2048);
        try (InputStream in = OidNames.class.getResourceAsStream("openssl-objects.tsv")) {
            if (in == null) {
                throw new IllegalStateException("openssl-objects.tsv missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                String[] f = line.split("\t", -1);
                String digest = f.length > 3 && !f[3].isEmpty() ? f[3] : null;
                String key = f.length > 4 && !f[4].isEmpty() ? f[4] : null;
                map.put(f[0], new Entry(f[0], f[1], f[2], digest, key));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(map);
    }
}

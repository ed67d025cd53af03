package dev.certstream.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/** Finds the repository's testdata/ and reads its files and certificates. */
public final class TestData {
    private TestData() {
    }

    public static Path root() {
        String prop = System.getProperty("certstream.root");
        if (prop != null && Files.isDirectory(Paths.get(prop, "testdata"))) {
            return Paths.get(prop);
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("testdata"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no testdata/ above " + Paths.get("").toAbsolutePath());
    }

    /** A path under testdata/. */
    public static Path path(String relative) {
        return root().resolve("testdata").resolve(relative);
    }

    public static Path certs() {
        return root().resolve("testdata").resolve("certs");
    }

    /** Every certs/*.pem that has a .json oracle next to it, sorted by name. */
    public static List<Path> oracleCertificates() throws IOException {
        try (Stream<Path> files = Files.list(certs())) {
            return files.filter(p -> p.toString().endsWith(".pem"))
                    .filter(p -> Files.exists(oracleOf(p)))
                    .sorted()
                    .toList();
        }
    }

    public static Path oracleOf(Path pem) {
        String name = pem.getFileName().toString();
        return pem.resolveSibling(name.substring(0, name.length() - 4) + ".json");
    }

    /** The DER of every certificate in a PEM file. */
    public static List<byte[]> pemCertificates(Path pem) throws IOException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        while (true) {
            int begin = text.indexOf("-----BEGIN CERTIFICATE-----", at);
            if (begin < 0) {
                return out;
            }
            int end = text.indexOf("-----END CERTIFICATE-----", begin);
            String b64 = text.substring(begin + 27, end).replaceAll("\\s", "");
            out.add(Base64.getDecoder().decode(b64));
            at = end + 25;
        }
    }

    public static byte[] firstCertificate(Path pem) throws IOException {
        return pemCertificates(pem).get(0);
    }

    /** The bytes of a file under testdata/. */
    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(path(relative));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

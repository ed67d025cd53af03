package dev.certstream.render;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code bin/certstream parse FILE...}: prints, for each certificate in each PEM or DER file (in
 * order), one line of JSON: the {@code leaf_cert} object exactly as the full stream carries it (with
 * {@code all_domains} and {@code as_der}), or {@code {"file":"...","error":"..."}}. A PEM file holding
 * several certificates gives one line per certificate.
 */
public final class ParseCommand {
    /** Files larger than this are not certificates; refusing them keeps the command's memory bounded. */
    private static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    private static final String[] PEM_LABELS = {"CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"};

    private ParseCommand() {
    }

    /** @return 1 if any input (or certificate in it) failed, else 0 */
    /** {@code bin/certstream parse FILE...}: exit status 1 if any file failed, 2 without a file. */
    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: parse FILE...");
            System.exit(2);
        }
        System.exit(run(List.of(args), System.out));
    }

    public static int run(List<String> files, PrintStream out) {
        CertificateRenderer renderer = new CertificateRenderer();
        boolean failed = false;
        for (String file : files) {
            List<byte[]> certificates;
            try {
                certificates = read(Path.of(file));
            } catch (NoSuchFileException e) {
                failed |= error(out, file, "no such file");
                continue;
            } catch (IOException | IllegalArgumentException e) {
                failed |= error(out, file, e.getMessage() == null ? e.toString() : e.getMessage());
                continue;
            }
            for (byte[] der : certificates) {
                try {
                    line(out, renderer.render(der, true).full());
                } catch (CertificateParseException e) {
                    failed |= error(out, file, e.getMessage());
                }
            }
        }
        out.flush();
        return failed ? 1 : 0;
    }

    /** The DER of every certificate in a PEM file, or the file itself when it is not PEM. */
    static List<byte[]> read(Path path) throws IOException {
        if (Files.size(path) > MAX_FILE_BYTES) {
            throw new IOException("larger than " + MAX_FILE_BYTES + " bytes, not a certificate file");
        }
        byte[] bytes = Files.readAllBytes(path);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        List<byte[]> certificates = new ArrayList<>();
        int at = 0;
        while (true) {
            int begin = text.indexOf("-----BEGIN ", at);
            if (begin < 0) {
                break;
            }
            int labelEnd = text.indexOf("-----", begin + 11);
            if (labelEnd < 0) {
                break;
            }
            String label = text.substring(begin + 11, labelEnd);
            String footer = "-----END " + label + "-----";
            int end = text.indexOf(footer, labelEnd);
            if (end < 0) {
                throw new IOException("PEM block " + label + " has no END line");
            }
            if (isCertificateLabel(label)) {
                String body = text.substring(labelEnd + 5, end).replaceAll("\\s+", "");
                try {
                    certificates.add(Base64.getDecoder().decode(body));
                } catch (IllegalArgumentException e) {
                    throw new IOException("PEM " + label + " is not valid base64");
                }
            }
            at = end + footer.length();
        }
        if (certificates.isEmpty()) {
            if (text.contains("-----BEGIN ")) {
                throw new IOException("PEM file without a CERTIFICATE block");
            }
            certificates.add(bytes);
        }
        return certificates;
    }

    private static boolean isCertificateLabel(String label) {
        for (String l : PEM_LABELS) {
            if (l.equals(label)) {
                return true;
            }
        }
        return false;
    }

    private static boolean error(PrintStream out, String file, String message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator gen = CertificateRenderer.JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            gen.writeStartObject();
            gen.writeStringField("file", file);
            gen.writeStringField("error", message);
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        line(out, bytes.toByteArray());
        return true;
    }

    private static void line(PrintStream out, byte[] json) {
        out.write(json, 0, json.length);
        out.write('\n');
    }
}

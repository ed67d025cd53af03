package dev.certstream.render.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * libcrypto's answer for batches of certificates, from one long-lived process running
 * src/test/c/openssl-fuzz-oracle.c (compiled on first use with gcc against the machine's libcrypto),
 * so that a million certificates cost one process start, not a million.
 */
final class OpensslOracle implements AutoCloseable {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** A certificate OpenSSL crashed on (never seen with 3.0.19; kept as a finding, not a refusal). */
    static final JsonNode CRASHED = MAPPER.createObjectNode().put("ok", false).put("err", "oracle crashed");

    private final Path binary;
    private Process process;
    private DataOutputStream in;
    private BufferedReader out;

    private OpensslOracle(Path binary) throws IOException {
        this.binary = binary;
        start();
    }

    /** Compiles the oracle (once per source version) and starts it; throws when gcc or libcrypto is missing. */
    static OpensslOracle start(Path workDir) throws IOException, InterruptedException {
        Path source = sourceFile();
        String hash = HexFormat.of().formatHex(sha256(Files.readAllBytes(source))).substring(0, 16);
        Path binary = workDir.resolve("openssl-fuzz-oracle-" + hash);
        if (!Files.isExecutable(binary)) {
            Files.createDirectories(workDir);
            Path tmp = workDir.resolve("openssl-fuzz-oracle.tmp" + ProcessHandle.current().pid());
            Process gcc = new ProcessBuilder("gcc", "-O2", source.toString(), "-o", tmp.toString(), "-lcrypto")
                    .redirectErrorStream(true).start();
            String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!gcc.waitFor(2, TimeUnit.MINUTES) || gcc.exitValue() != 0) {
                throw new IOException("cannot compile " + source + " (needs gcc and libssl-dev): " + log);
            }
            Files.move(tmp, binary, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return new OpensslOracle(binary);
    }

    /** Whether the oracle can be built here (gcc and the libcrypto headers). */
    static boolean available() {
        return Files.exists(Path.of("/usr/include/openssl/x509v3.h")) && onPath("gcc");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static Path sourceFile() {
        Path here = Path.of("src/test/c/openssl-fuzz-oracle.c");
        return Files.exists(here) ? here : Path.of("cert-renderer").resolve(here);
    }

    private void start() throws IOException {
        process = new ProcessBuilder(binary.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        in = new DataOutputStream(new java.io.BufferedOutputStream(process.getOutputStream(), 1 << 16));
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16);
    }

    /**
     * OpenSSL's answers for a batch, in order. A record that kills the process (none so far) is answered
     * with {@link #CRASHED} and the process restarts; the batch is then asked one record at a time.
     */
    List<JsonNode> ask(List<byte[]> batch) throws IOException {
        try {
            return askOnce(batch);
        } catch (IOException died) {
            restart();
            List<JsonNode> answers = new ArrayList<>(batch.size());
            for (byte[] der : batch) {
                try {
                    answers.add(askOnce(List.of(der)).get(0));
                } catch (IOException crash) {
                    answers.add(CRASHED);
                    restart();
                }
            }
            return answers;
        }
    }

    private List<JsonNode> askOnce(List<byte[]> batch) throws IOException {
        // Writing on another thread: the pipe would fill up and both sides would wait on each other.
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            try {
                for (byte[] der : batch) {
                    in.writeInt(der.length);
                    in.write(der);
                }
                in.writeInt(-1);
                in.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        List<JsonNode> answers = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            String line = out.readLine();
            if (line == null) {
                throw new IOException("the oracle exited with " + waitExit());
            }
            answers.add(MAPPER.readTree(line));
        }
        writing.join();
        return answers;
    }

    private int waitExit() {
        try {
            return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void restart() throws IOException {
        process.destroyForcibly();
        start();
    }

    @Override
    public void close() throws IOException {
        in.close();
        waitExit();
        process.destroyForcibly();
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

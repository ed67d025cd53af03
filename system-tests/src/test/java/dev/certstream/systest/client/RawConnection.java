package dev.certstream.systest.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A bare TCP connection to the server for input no well-behaved client library will send: garbage
 * instead of HTTP, or protocol-violating websocket frames after a hand-made upgrade.
 */
public final class RawConnection implements AutoCloseable {

    private static final int READ_TIMEOUT_MILLIS = 60_000;
    private final Socket socket;

    public RawConnection(int port) {
        this(null, port);
    }

    /** Connects from a chosen loopback address (127.0.0.2, ...), so the server sees another client. */
    public RawConnection(String localAddress, int port) {
        try {
            socket = new Socket();
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to port " + port, e);
        }
    }

    /** Sends a websocket upgrade for {@code path} and returns the response head (status line and headers). */
    public String upgrade(String path) throws IOException {
        return upgrade(path, "");
    }

    /** The same with extra header lines (each ending in CRLF). */
    public String upgrade(String path, String extraHeaders) throws IOException {
        String key = Base64.getEncoder().encodeToString("certstream-systest".getBytes(StandardCharsets.US_ASCII)).substring(0, 22) + "==";
        write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    public void write(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /**
     * Reads until the server closes the connection and returns how many bytes came (frames or an error
     * response); a read timeout means the server kept the connection open, which fails the caller's check.
     */
    public long readUntilClosed() throws IOException {
        long total = 0;
        byte[] buffer = new byte[8192];
        InputStream in = socket.getInputStream();
        long end = System.nanoTime() + READ_TIMEOUT_MILLIS * 1_000_000L;
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (System.nanoTime() > end) {
                    // Still streaming to us: the server did not close.
                    throw new SocketTimeoutException();
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            throw new AssertionError("the server kept the connection open for " + READ_TIMEOUT_MILLIS / 1000 + " s");
        } catch (IOException reset) {
            // A reset is also the server closing on us.
            return total;
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

package dev.certstream.gateway;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A websocket client made of a bare TCP socket: it completes the handshake, then (when reading) notes the
 * frames it gets without ever answering a ping, or does not read at all; the misbehaving clients that a
 * library client cannot imitate.
 */
final class RawWebSocket implements AutoCloseable {

    private final Socket socket;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean sawPing = new AtomicBoolean();
    private final AtomicBoolean sawClose = new AtomicBoolean();
    private final AtomicLong textFrames = new AtomicLong();

    private RawWebSocket(Socket socket) {
        this.socket = socket;
    }

    /** Connects and upgrades; with {@code read} false the socket is never read after the handshake. */
    static RawWebSocket open(int port, String path, boolean read) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the handshake: " + head);
            }
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head);
        }
        RawWebSocket raw = new RawWebSocket(socket);
        if (read) {
            Thread reader = new Thread(raw::readFrames, "raw-websocket-reader");
            reader.setDaemon(true);
            reader.start();
        }
        return raw;
    }

    static RawWebSocket open(int port, String path) throws IOException {
        return open(port, path, true);
    }

    private void readFrames() {
        try (DataInputStream in = new DataInputStream(socket.getInputStream())) {
            while (true) {
                int first = in.read();
                if (first < 0) {
                    break;
                }
                int opcode = first & 0x0F;
                long length = in.readUnsignedByte() & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                in.skipNBytes(length);
                switch (opcode) {
                    case 0x1 -> textFrames.incrementAndGet();
                    case 0x8 -> sawClose.set(true);
                    case 0x9 -> sawPing.set(true);
                    default -> { }
                }
            }
        } catch (IOException e) {
            // A reset counts as closed, like an orderly end of stream.
        } finally {
            closed.set(true);
        }
    }

    boolean closed() {
        return closed.get();
    }

    boolean sawPing() {
        return sawPing.get();
    }

    boolean sawClose() {
        return sawClose.get();
    }

    long textFrames() {
        return textFrames.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

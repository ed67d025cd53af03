package dev.certstream.watcher.ct;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

import java.util.ArrayList;
import java.util.List;

/**
 * A Web Client body codec that collects the body into one exactly sized byte array, copying each chunk
 * once, at the end (a growing Buffer copies on every expansion, and its bytes would be copied out again),
 * and refuses a body larger than a cap, so a misbehaving log can never make the watcher buffer an
 * unbounded response.
 */
final class CappedBodyCodec implements BodyCodec<byte[]> {

    private final int maxBytes;

    CappedBodyCodec(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public BodyStream<byte[]> stream() {
        return new CappedBody(maxBytes);
    }

    /** The per-response collector. */
    private static final class CappedBody implements BodyStream<byte[]> {
        private final int maxBytes;
        // The client hands over chunks it copied out of Netty's pooled buffers, so they may be kept.
        private final List<Buffer> chunks = new ArrayList<>();
        private int length;
        private final Promise<byte[]> result = Promise.promise();
        private boolean refused;

        CappedBody(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public Future<byte[]> result() {
            return result.future();
        }

        @Override
        public void handle(Throwable failure) {
            result.tryFail(failure);
        }

        @Override
        public Future<Void> write(Buffer data) {
            if (refused) {
                return Future.failedFuture("response refused");
            }
            if ((long) length + data.length() > maxBytes) {
                refused = true;
                chunks.clear();
                FetchException tooLarge = new FetchException(FetchException.Kind.TOO_LARGE,
                        "response larger than " + maxBytes + " bytes");
                result.tryFail(tooLarge);
                return Future.failedFuture(tooLarge);
            }
            chunks.add(data);
            length += data.length();
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> end() {
            if (refused) {
                return Future.succeededFuture();
            }
            byte[] body = new byte[length];
            int at = 0;
            for (Buffer chunk : chunks) {
                chunk.getBytes(body, at);
                at += chunk.length();
            }
            chunks.clear();
            result.tryComplete(body);
            return Future.succeededFuture();
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            return this;
        }
    }
}

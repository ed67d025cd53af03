package dev.certstream.watcher.ct;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * A Web Client body codec that collects the body into a Buffer but refuses one larger than a cap, so a
 * misbehaving log can never make the watcher buffer an unbounded response.
 */
final class CappedBodyCodec implements BodyCodec<Buffer> {

    private final int maxBytes;

    CappedBodyCodec(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public BodyStream<Buffer> stream() {
        return new CappedBody(maxBytes);
    }

    /** The per-response collector. */
    private static final class CappedBody implements BodyStream<Buffer> {
        private final int maxBytes;
        private final Buffer body = Buffer.buffer();
        private final Promise<Buffer> result = Promise.promise();
        private boolean refused;

        CappedBody(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public Future<Buffer> result() {
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
            if ((long) body.length() + data.length() > maxBytes) {
                refused = true;
                FetchException tooLarge = new FetchException(FetchException.Kind.TOO_LARGE,
                        "response larger than " + maxBytes + " bytes");
                result.tryFail(tooLarge);
                return Future.failedFuture(tooLarge);
            }
            body.appendBuffer(data);
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> end() {
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

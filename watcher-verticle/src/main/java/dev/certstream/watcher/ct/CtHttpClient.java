package dev.certstream.watcher.ct;

import dev.certstream.watcher.WatcherConfig;

import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * The watcher's one HTTP client for CT logs (on the Vert.x Web Client): every request has a deadline,
 * asks for gzip or identity, refuses oversized bodies, inflates gzip within the same cap (whether or not
 * it was negotiated), and turns every failure into a {@link FetchException}.
 */
public final class CtHttpClient {

    private static final String USER_AGENT = "certstream-vertx/0.1 (+https://github.com/certstream)";

    private final WebClient client;
    private final long timeoutMs;
    private final int maxBytes;

    public CtHttpClient(Vertx vertx, WatcherConfig config) {
        WebClientOptions options = new WebClientOptions()
                .setUserAgent(USER_AGENT)
                .setKeepAlive(true)
                // Decompression is ours (BoundedGunzip) so that the cap applies to inflated bytes too.
                .setDecompressionSupported(false)
                .setFollowRedirects(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.fetching().requestTimeout().toMillis()));
        // Many logs share a host (ct.googleapis.com, the simulator): enough connections for all their
        // requests in flight, and a bounded wait queue so a stuck host fails fast instead of piling up.
        PoolOptions pool = new PoolOptions()
                .setHttp1MaxSize(Math.max(8, config.pacing().maxRequestsPerLog() * 16))
                .setMaxWaitQueueSize(4096);
        this.client = WebClient.create(vertx, options, pool);
        this.timeoutMs = config.fetching().requestTimeout().toMillis();
        this.maxBytes = config.fetching().maxResponseBytes();
    }

    /**
     * GETs an absolute URL; succeeds with the (inflated) body of a 2xx answer only: assembled once from the
     * network's chunks, inflated once when it is gzip, and never copied after that.
     */
    public Future<byte[]> get(String url) {
        return client.getAbs(url)
                .timeout(timeoutMs)
                .putHeader("Accept-Encoding", "gzip, identity")
                .as(new CappedBodyCodec(maxBytes))
                .send()
                .recover(failure -> Future.failedFuture(classify(failure, url)))
                .compose(response -> handle(response, url));
    }

    private Future<byte[]> handle(HttpResponse<byte[]> response, String url) {
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            return Future.failedFuture(FetchException.forStatus(status, response.getHeader("Retry-After"), url));
        }
        byte[] body = response.body() == null ? new byte[0] : response.body();
        try {
            return Future.succeededFuture(BoundedGunzip.decode(body, response.getHeader("Content-Encoding"), maxBytes));
        } catch (java.io.IOException | RuntimeException e) {
            return Future.failedFuture(new FetchException(FetchException.Kind.BAD_BODY,
                    "cannot inflate the body of " + url + ": " + e.getMessage()));
        }
    }

    /** A Buffer over a body without copying it, for readers that parse Buffers (JSON). */
    public static Buffer wrap(byte[] body) {
        return BufferInternal.buffer(Unpooled.wrappedBuffer(body));
    }

    private static FetchException classify(Throwable failure, String url) {
        if (failure instanceof FetchException fetch) {
            return fetch;
        }
        String message = String.valueOf(failure.getMessage());
        if (failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")
                || message.toLowerCase(java.util.Locale.ROOT).contains("timeout")) {
            return new FetchException(FetchException.Kind.TIMEOUT, "timed out: " + url);
        }
        if (failure instanceof ConnectException || failure instanceof UnknownHostException) {
            return new FetchException(FetchException.Kind.NETWORK, "cannot connect to " + url + ": " + message);
        }
        return new FetchException(FetchException.Kind.NETWORK, "request to " + url + " failed: " + message);
    }

    public void close() {
        client.close();
    }
}

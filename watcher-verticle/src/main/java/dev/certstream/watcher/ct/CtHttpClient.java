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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The watcher's one HTTP client for CT logs (on the Vert.x Web Client): every request has a deadline and
 * names the software and its operator's contact ({@link UserAgent}), asks for gzip or identity (identity
 * only with a Range), refuses oversized bodies, inflates gzip within the same cap (whether or not it was
 * negotiated), and turns every failure into a {@link FetchException}.
 */
public final class CtHttpClient {

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final WebClient client;
    private final long timeoutMs;
    private final int maxBytes;

    public CtHttpClient(Vertx vertx, WatcherConfig config) {
        WebClientOptions options = new WebClientOptions()
                .setUserAgent(UserAgent.of(config.politeness().contact()))
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
        return fetch(url, -1).map(CtResponse::body);
    }

    /**
     * GETs an absolute URL, from byte {@code rangeFrom} on when it is not negative ({@code Range: bytes=N-},
     * answered by 206 where the log serves ranges and by the whole resource, 200, where it does not). A
     * range is asked of the identity encoding: offsets into a gzip stream would mean nothing to the reader.
     */
    public Future<CtResponse> fetch(String url, long rangeFrom) {
        var request = client.getAbs(url).timeout(timeoutMs);
        if (rangeFrom >= 0) {
            request.putHeader("Range", "bytes=" + rangeFrom + "-").putHeader("Accept-Encoding", "identity");
        } else {
            request.putHeader("Accept-Encoding", "gzip, identity");
        }
        return request.as(new CappedBodyCodec(maxBytes))
                .send()
                .recover(failure -> Future.failedFuture(classify(failure, url)))
                .compose(response -> handle(response, url, rangeFrom));
    }

    private Future<CtResponse> handle(HttpResponse<byte[]> response, String url, long rangeFrom) {
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            return Future.failedFuture(FetchException.forStatus(status, response.getHeader("Retry-After"), url));
        }
        byte[] body = response.body() == null ? new byte[0] : response.body();
        String encoding = response.getHeader("Content-Encoding");
        long start = 0;
        if (status == 206) {
            Matcher range = CONTENT_RANGE.matcher(String.valueOf(response.getHeader("Content-Range")));
            if (rangeFrom < 0 || !range.matches() || Long.parseLong(range.group(1)) != rangeFrom
                    || (encoding != null && !encoding.equalsIgnoreCase("identity"))) {
                return Future.failedFuture(new FetchException(FetchException.Kind.BAD_BODY, "unusable partial content from "
                        + url + " (Content-Range " + response.getHeader("Content-Range") + ", encoding " + encoding + ")"));
            }
            start = rangeFrom;
        }
        try {
            return Future.succeededFuture(new CtResponse(status == 206 ? 206 : 200,
                    BoundedGunzip.decode(body, encoding, maxBytes), body.length, start));
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

package dev.certstream.node;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProbeServerTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private record Answer(int status, String body) {
    }

    private Answer get(HttpClient client, int port, String path) throws Exception {
        // body() is asked for inside send()'s own continuation: asked later, a short body may have ended already.
        return client.request(HttpMethod.GET, port, "127.0.0.1", path)
                .compose(request -> request.send()
                        .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body.toString()))))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void answersHealthReadinessAndMetrics() throws Exception {
        AtomicBoolean ready = new AtomicBoolean(false);
        int port = ProbeServer.start(vertx, "127.0.0.1", 0, () -> Future.succeededFuture(ready.get()), () -> "up 1\n",
                        () -> Future.succeededFuture(new JsonObject().put("role", "test")))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).actualPort();
        HttpClient client = vertx.createHttpClient();
        assertEquals(200, get(client, port, "/health").status());
        assertEquals(503, get(client, port, "/ready").status());
        ready.set(true);
        Answer readyNow = get(client, port, "/ready/");
        assertEquals(200, readyNow.status());
        assertEquals("ready", new JsonObject(readyNow.body()).getString("status"));
        assertEquals("up 1\n", get(client, port, "/metrics").body());
        Answer stats = get(client, port, "/stats");
        assertEquals(200, stats.status());
        assertEquals("test", new JsonObject(stats.body()).getString("role"));
        Answer missing = get(client, port, "/nope");
        assertEquals(404, missing.status());
        assertTrue(new JsonObject(missing.body()).getString("error").contains("/nope"));
    }

    @Test
    void aFailingReadinessCheckIsNotReady() throws Exception {
        int port = ProbeServer.start(vertx, "127.0.0.1", 0, () -> Future.failedFuture("broken"), () -> "",
                        () -> Future.failedFuture("no state"))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).actualPort();
        assertEquals(503, get(vertx.createHttpClient(), port, "/ready").status());
        assertEquals(503, get(vertx.createHttpClient(), port, "/stats").status());
    }

    /** A second watcher on one host used to die with a bare "Address already in use". */
    @Test
    void aTakenPortFailsNamingTheVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Throwable failure = ProbeServer.start(vertx, "127.0.0.1", taken.getLocalPort(), () -> Future.succeededFuture(true),
                            () -> "", () -> Future.succeededFuture(new JsonObject()))
                    .toCompletionStage().toCompletableFuture().handle((server, error) -> error).get(30, TimeUnit.SECONDS);
            ConfigException named = assertInstanceOf(ConfigException.class, failure.getCause() != null
                    && !(failure instanceof ConfigException) ? failure.getCause() : failure);
            assertTrue(named.getMessage().startsWith("CERTSTREAM_HEALTH_PORT: port " + taken.getLocalPort()), named.getMessage());
        }
    }
}

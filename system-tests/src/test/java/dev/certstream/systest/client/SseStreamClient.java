package dev.certstream.systest.client;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/** A plain SSE client (the JDK's HTTP client, line by line): keeps each event's id and data. */
public final class SseStreamClient implements AutoCloseable {

    /** One event. */
    public record Event(String id, String data) {
    }

    private final List<Event> events = new ArrayList<>();
    private final CompletableFuture<Integer> status = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private String id;
    private String data;

    public static SseStreamClient open(String url) {
        SseStreamClient client = new SseStreamClient();
        Http.CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").build(),
                info -> {
                    client.status.complete(info.statusCode());
                    return HttpResponse.BodySubscribers.fromLineSubscriber(client.lines());
                });
        return client;
    }

    private Flow.Subscriber<String> lines() {
        return new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String line) {
                synchronized (SseStreamClient.this) {
                    if (line.startsWith("id: ")) {
                        id = line.substring(4);
                    } else if (line.startsWith("data: ")) {
                        data = line.substring(6);
                    } else if (line.isEmpty() && data != null) {
                        events.add(new Event(id, data));
                        data = null;
                    }
                }
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
            }
        };
    }

    public int status() {
        return status.join();
    }

    public synchronized List<Event> events() {
        return new ArrayList<>(events);
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.cancel();
        }
    }
}

package dev.certstream.gateway;

import dev.certstream.node.ConfigException;
import dev.certstream.node.EnvReader;

import java.time.Duration;

/**
 * The Server-Sent Events route's own settings.
 *
 * @param heartbeatInterval period of the {@code : heartbeat} comment on every SSE stream, so proxies
 *                          that cut idle responses (ingress-nginx after 60 s by default) keep it open
 * @param retry             the {@code retry:} an EventSource waits before it reconnects after a drop
 */
public record SseConfig(Duration heartbeatInterval, Duration retry) {

    public SseConfig {
        if (heartbeatInterval.toMillis() < 10 || retry.toMillis() < 1) {
            throw new ConfigException("SSE heartbeat must be at least 10ms and retry positive");
        }
    }

    public static SseConfig fromEnv(EnvReader env) {
        return new SseConfig(
                env.duration("CERTSTREAM_SSE_HEARTBEAT", Duration.ofSeconds(15), Duration.ofMillis(10), Duration.ofMinutes(10)),
                env.duration("CERTSTREAM_SSE_RETRY", Duration.ofSeconds(3), Duration.ofMillis(1), Duration.ofMinutes(10)));
    }
}

package dev.certstream.bench;

import dev.certstream.broker.BrokerConfig;
import dev.certstream.broker.BrokerVerticle;
import dev.certstream.gateway.GatewayConfig;
import dev.certstream.gateway.GatewayDeployment;
import dev.certstream.gateway.GatewayVerticle;
import dev.certstream.node.NodeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * A server to load without CT logs: the real broker and gateway in one Vert.x, fed by a
 * {@link PacedPublisher} at a fixed rate. For measuring fan-out only; the real server is
 * {@code bin/certstream run --demo}.
 */
public final class BenchServer {

    static final String USAGE = """
            usage: BenchServer [options]
              --port N          gateway port (default 4000)
              --rate R          certificates per second (default 200)
              --logs N          logs the certificates are spread over (default 8)
              --instances N     gateway verticle instances (default: the gateway's, one per event loop)
              --event-loops N   Vert.x event loops (default: Vert.x's, 2 per processor)
              --metrics on|off  Vert.x Micrometer metrics, as the real server has them (default on)
              --direct on|off   renderings in off-heap buffers (default off, as Buffer.buffer(String) makes them)
              --filters N       distinct filters held on the gateway (FilterWorkload: 10 patterns each; default 0)
              --hostile on|off  the filters are FilterWorkload.hostile ones and every tenth certificate has names of 'a's
            """;
    private static final Logger LOG = LoggerFactory.getLogger(BenchServer.class);
    private static final long PROGRESS_MILLIS = 10_000;

    private BenchServer() {
    }

    public static void main(String[] args) {
        int port = 4000;
        double rate = 200;
        int logs = 8;
        int instances = GatewayConfig.defaultInstances();
        int loops = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
        boolean metrics = true;
        boolean direct = false;
        int filters = 0;
        boolean hostile = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || i + 1 == args.length) {
                System.err.print(USAGE);
                System.exit(args[i].equals("--help") ? 0 : 2);
            }
            String value = args[++i];
            switch (args[i - 1]) {
                case "--port" -> port = Integer.parseInt(value);
                case "--rate" -> rate = Double.parseDouble(value);
                case "--logs" -> logs = Integer.parseInt(value);
                case "--instances" -> instances = Integer.parseInt(value);
                case "--event-loops" -> loops = Integer.parseInt(value);
                case "--metrics" -> metrics = !value.equals("off");
                case "--direct" -> direct = value.equals("on");
                case "--filters" -> filters = Integer.parseInt(value);
                case "--hostile" -> hostile = value.equals("on");
                default -> {
                    System.err.print(USAGE);
                    System.exit(2);
                }
            }
        }
        start(port, rate, logs, instances, loops, metrics, direct, filters, hostile);
    }

    private static void start(int port, double rate, int logs, int instances, int loops, boolean withMetrics,
                              boolean direct, int filters, boolean hostile) {
        PrometheusMeterRegistry meters = NodeMetrics.newRegistry();
        VertxOptions options = new VertxOptions().setEventLoopPoolSize(loops);
        Vertx vertx = withMetrics
                ? NodeMetrics.instrument(Vertx.builder(), options, meters).build()
                : Vertx.builder().with(options).build();
        GatewayConfig defaults = GatewayConfig.fromEnv(new dev.certstream.node.EnvReader(System.getenv()));
        GatewayConfig config = defaults.toBuilder().port(port).instances(instances).build();
        SampleCertificates samples = SampleCertificates.load(direct).withBrands(filters);
        PacedPublisher publisher = new PacedPublisher(hostile ? samples.withHostileNames() : samples, rate, logs,
                Long.MAX_VALUE);
        vertx.deployVerticle(new BrokerVerticle(BrokerConfig.defaults()))
                .compose(broker -> GatewayVerticle.deploy(vertx, config, meters))
                .compose(gateway -> holdFilters(vertx, gateway, hostile ? FilterWorkload.hostile(filters)
                        : FilterWorkload.filters(filters)))
                .compose(gateway -> vertx.deployVerticle(publisher).map(gateway))
                .onSuccess(gateway -> {
                    LOG.info("bench server on port {}: {} gateway instances on {} event loops, metrics {}, "
                            + "direct buffers {}, publishing {} certificates/s over {} logs", gateway.port(), instances, loops,
                            withMetrics ? "on" : "off", direct ? "on" : "off", rate, logs);
                    reportProgress(vertx, gateway, publisher);
                })
                .onFailure(error -> {
                    LOG.error("bench server failed to start", error);
                    vertx.close().onComplete(v -> System.exit(1));
                });
    }

    /** Holds these distinct filters (as if clients held them) and logs the index's heap once built. */
    private static io.vertx.core.Future<GatewayDeployment> holdFilters(Vertx vertx, GatewayDeployment gateway,
                                                                       java.util.List<dev.certstream.gateway.filter.FilterSpec> specs) {
        if (specs.isEmpty()) {
            return io.vertx.core.Future.succeededFuture(gateway);
        }
        return vertx.executeBlocking(() -> {
            long before = usedHeapAfterGc();
            long started = System.nanoTime();
            java.util.List<java.util.concurrent.CompletableFuture<?>> live = new java.util.ArrayList<>();
            for (dev.certstream.gateway.filter.FilterSpec spec : specs) {
                live.add(gateway.filters().acquire(spec, dev.certstream.contract.StreamKind.LITE).live());
            }
            java.util.concurrent.CompletableFuture.allOf(live.toArray(new java.util.concurrent.CompletableFuture[0])).join();
            var index = gateway.filters().snapshot();
            LOG.info("holding {} filters: {} patterns, {} regexes, indexed in {} ms, heap +{} MB", index.filters(),
                    index.patterns(), index.regexes(), (System.nanoTime() - started) / 1_000_000,
                    (usedHeapAfterGc() - before) / (1024 * 1024));
            return gateway;
        });
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void reportProgress(Vertx vertx, GatewayDeployment gateway, PacedPublisher publisher) {
        long[] last = {publisher.published(), System.nanoTime()};
        vertx.setPeriodic(PROGRESS_MILLIS, id -> {
            long now = System.nanoTime();
            long published = publisher.published();
            LOG.info("published {} certificates ({}/s over the last {} s, {} skipped), {} clients",
                    published, Math.round((published - last[0]) / ((now - last[1]) / 1e9)),
                    Duration.ofMillis(PROGRESS_MILLIS).toSeconds(), publisher.skipped(), gateway.clients());
            last[0] = published;
            last[1] = now;
        });
    }
}

package dev.certstream.bench;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * The fan-out load tool: opens many websocket clients to a running certstream server, waits out a
 * warm-up, measures a window and prints what the clients received ({@code --help} for the options).
 */
public final class FanoutLoad {

    private static final Logger LOG = LoggerFactory.getLogger(FanoutLoad.class);
    /** How long connecting, collecting or closing may take before the tool gives up. */
    private static final long STEP_TIMEOUT_SECONDS = 300;

    private FanoutLoad() {
    }

    public static void main(String[] args) {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("FanoutLoad: " + e.getMessage());
            System.err.print(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(LoadOptions.USAGE);
            return;
        }
        System.exit(run(options, System.out));
    }

    /** Runs one load by the clock and prints its report; the exit status (1 when no client connected). */
    public static int run(LoadOptions options, PrintStream out) {
        LOG.info("opening {} clients to {} at {}/s on {} event loops", options.clients(), options.url(),
                options.connectRate(), options.eventLoops());
        LoadRun run = await(LoadRun.start(options));
        try {
            LoadReport connecting = await(run.snapshot());
            if (connecting.connected() == 0) {
                // Nothing to measure: say why at once instead of waiting out the warm-up and the window.
                out.print(connecting.toText());
                out.flush();
                return 1;
            }
            LOG.info("{} connected; warming up for {}", connecting.connected(), options.warmup());
            sleep(options.warmup().toMillis());
            await(run.beginWindow());
            LOG.info("measuring for {}", options.duration());
            sleep(options.duration().toMillis());
            LoadReport report = await(run.endWindow());
            LOG.info("window ended: {} messages", report.messages());
            if (options.paused() > 0 && report.connected() > 0) {
                report = report.withPausedAfterResume(await(run.resumePaused(options.drain().toMillis())));
            }
            out.print(report.toText());
            if (options.json()) {
                out.println(report.toJson().encode());
            }
            out.flush();
            return report.connected() == 0 ? 1 : 0;
        } finally {
            await(run.close());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no answer within " + STEP_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

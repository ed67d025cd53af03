package dev.certstream.systest;

import dev.certstream.systest.check.ResumeChecks;
import dev.certstream.systest.check.UniqueChecks;

import dev.certstream.systest.client.Http;
import dev.certstream.systest.client.StreamClient;

import dev.certstream.systest.process.ServerProcess;

import com.fasterxml.jackson.databind.JsonNode;
import dev.certstream.systest.check.ResumeChecks.Entry;
import dev.certstream.testing.Wait;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Subscriptions II across gateways (issue 10), on a deployment whose simulator logs 30 % of issuances in
 * every log: {@code unique=} clients on two gateways get each certificate or issuance once and the same
 * entries; a client of a gateway killed with kill -9 resumes with its cursor on the other gateway, and on
 * a gateway started after the kill (which copies what it lacks from its peer), missing nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterResumeIT extends ClusterTestBase {

    @Override
    String[] simulatorOptions() {
        return new String[] {"--shared-rate", "0.3"};
    }

    private int logCount() {
        return rfc6962Logs() + tiledLogs();
    }

    private static StreamClient connect(ServerProcess gateway, String path) {
        return StreamClient.connect("ws://127.0.0.1:" + gateway.httpPort() + path);
    }

    @Test
    @Order(1)
    void uniqueClientsOnTwoGatewaysGetEachCertificateOnceAndTheSameOnes() {
        scenario("unique= on two gateways", () -> {
            for (String mode : List.of("certificate", "issuance")) {
                try (StreamClient plain = connect(gateways.get(0), "/");
                     StreamClient one = connect(gateways.get(0), "/?unique=" + mode);
                     StreamClient two = connect(gateways.get(1), "/?unique=" + mode)) {
                    UniqueChecks.assertEachOnce(mode, logCount(), plain::messages, List.of(one::messages, two::messages));
                }
                report.add("unique=%s: each once on both gateways, the same entries on both", mode);
            }
        });
    }

    @Test
    @Order(2)
    void aClientOfAKilledGatewayResumesOnAnotherAndOnOneStartedAfterTheKill() {
        scenario("resume after gateway kill -9", () -> {
            ServerProcess survivor = gateways.get(0);
            ServerProcess victim = gateways.get(1);
            try (StreamClient reference = connect(survivor, "/")) {
                StreamClient toSurvivor = connect(victim, "/?cursor=1");
                StreamClient toLate = connect(victim, "/?cursor=1");
                Wait.until("the victim's clients saw every log", FLOW_DEADLINE, () -> List.of(toSurvivor, toLate).stream()
                        .allMatch(c -> ResumeChecks.firstPerLog(ResumeChecks.entries(c.messages())).size() == logCount()));
                victim.kill();
                gateways.remove(victim);
                clientOf.remove(victim);
                Wait.until("the victim's clients cut off", FLOW_DEADLINE,
                        () -> toSurvivor.closed().isDone() && toLate.closed().isDone());

                resume("on " + survivor.name(), survivor, reference, toSurvivor);
                report.add("a client of the killed %s resumed on %s: nothing missed, nothing twice", victim.name(), survivor.name());

                ServerProcess late = cluster.startGateway("gateway-3");
                ClusterDeployment.awaitReady(late);
                gateways.add(late);
                String stats = "http://127.0.0.1:" + late.httpPort() + "/stats";
                Wait.until(late.name() + " knowing its peer", FLOW_DEADLINE,
                        () -> Http.get(stats).json().at("/resume/peers").asInt() >= 1);
                resume("on " + late.name() + ", started after the kill", late, reference, toLate);
                JsonNode resume = Http.get(stats).json().path("resume");
                assertTrue(resume.path("peer_entries").asLong() > 0, "what it lacked came from its peer: " + resume);
                report.add("a client of the killed gateway resumed on %s, started after the kill: %d entries from its peer",
                        late.name(), resume.path("peer_entries").asLong());
            }
        });
    }

    /** {@code left} comes back on {@code gateway} with its last cursor and must miss nothing. */
    private static void resume(String name, ServerProcess gateway, StreamClient reference, StreamClient left) {
        String cursor = null;
        for (JsonNode message : left.messages()) {
            cursor = message.hasNonNull("cursor") ? message.get("cursor").asText() : cursor;
        }
        assertNotNull(cursor, name + ": no cursor");
        List<Entry> before = ResumeChecks.entries(left.messages());
        try (StreamClient back = connect(gateway, "/?cursor=1&gaps=1&since=" + cursor)) {
            ResumeChecks.assertLossless(name, () -> ResumeChecks.entries(reference.messages()), () -> {
                List<Entry> all = new ArrayList<>(before);
                all.addAll(ResumeChecks.entries(back.messages()));
                return all;
            }, ResumeChecks.firstPerLog(before));
            assertEquals(List.of(), back.messages("gap"), name + ": gaps");
        }
    }
}

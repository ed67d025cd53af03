package dev.certstream.deploy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * PodDisruptionBudgets and the HorizontalPodAutoscaler point at Deployments that exist, every role runs
 * at least two pods, and no budget can block a node drain for good.
 */
final class TargetChecks {

    /** Replicas every role runs at least: the design survives the loss of one pod of each. */
    static final int MIN_REPLICAS = 2;

    private TargetChecks() {
    }

    static List<String> check(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        for (HorizontalPodAutoscaler hpa : manifests.all(HorizontalPodAutoscaler.class)) {
            var ref = hpa.getSpec().getScaleTargetRef();
            if (!"Deployment".equals(ref.getKind()) || !"apps/v1".equals(ref.getApiVersion())
                    || manifests.find(Deployment.class, ref.getName()).isEmpty()) {
                problems.add(Manifests.describe(hpa) + ": scaleTargetRef " + ref.getApiVersion() + " " + ref.getKind()
                        + "/" + ref.getName() + " is not a Deployment of these manifests");
            }
            boolean cpu = hpa.getSpec().getMetrics() != null && hpa.getSpec().getMetrics().stream()
                    .anyMatch(m -> m.getResource() != null && "cpu".equals(m.getResource().getName()));
            if (!cpu) {
                problems.add(Manifests.describe(hpa) + ": no CPU metric");
            }
        }
        for (Deployment d : manifests.deployments()) {
            Optional<HorizontalPodAutoscaler> hpa = autoscaler(manifests, d);
            if (hpa.isPresent() && d.getSpec().getReplicas() != null) {
                problems.add(Manifests.describe(d) + ": sets replicas although " + Manifests.describe(hpa.get())
                        + " owns the count (every apply would reset it)");
            }
            int replicas = replicas(manifests, d);
            if (replicas < MIN_REPLICAS) {
                problems.add(Manifests.describe(d) + ": runs " + replicas + " pod(s); at least " + MIN_REPLICAS + " are needed");
            }
        }
        for (PodDisruptionBudget pdb : manifests.all(PodDisruptionBudget.class)) {
            List<Deployment> targets = SelectorChecks.selected(manifests, pdb.getSpec().getSelector().getMatchLabels());
            if (targets.size() != 1) {
                problems.add(Manifests.describe(pdb) + ": selects " + targets.size() + " Deployments; it must select exactly one");
                continue;
            }
            var min = pdb.getSpec().getMinAvailable();
            if (min == null || min.getIntVal() == null || min.getIntVal() < 1) {
                problems.add(Manifests.describe(pdb) + ": minAvailable must be a count of at least 1");
            } else if (min.getIntVal() >= replicas(manifests, targets.get(0))) {
                problems.add(Manifests.describe(pdb) + ": minAvailable " + min.getIntVal() + " leaves no pod of "
                        + Manifests.describe(targets.get(0)) + " evictable; node drains would hang");
            }
        }
        for (String role : ConfigSources.ROLES) {
            boolean budgeted = manifests.all(PodDisruptionBudget.class).stream().anyMatch(pdb ->
                    SelectorChecks.selected(manifests, pdb.getSpec().getSelector().getMatchLabels()).stream()
                            .anyMatch(d -> Manifests.role(d).equals(role)));
            if (!budgeted) {
                problems.add("no PodDisruptionBudget covers the " + role + " pods");
            }
        }
        return problems;
    }

    /** The pods a Deployment runs at least: its autoscaler's minimum, else its replicas (1 when unset). */
    static int replicas(Manifests manifests, Deployment d) {
        Optional<HorizontalPodAutoscaler> hpa = autoscaler(manifests, d);
        if (hpa.isPresent()) {
            Integer min = hpa.get().getSpec().getMinReplicas();
            return min == null ? 1 : min;
        }
        return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    }

    private static Optional<HorizontalPodAutoscaler> autoscaler(Manifests manifests, Deployment d) {
        return manifests.all(HorizontalPodAutoscaler.class).stream()
                .filter(h -> Objects.equals(h.getSpec().getScaleTargetRef().getName(), d.getMetadata().getName())
                        && "Deployment".equals(h.getSpec().getScaleTargetRef().getKind()))
                .findFirst();
    }
}

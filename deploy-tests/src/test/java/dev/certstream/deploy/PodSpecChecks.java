package dev.certstream.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every pod is hardened and sized: non-root uid 10001, read-only root filesystem with emptyDirs for the
 * paths it writes, no privilege escalation or capabilities, seccomp RuntimeDefault, requests and limits,
 * no API token, no service links, a grace period, and replicas spread over nodes.
 */
final class PodSpecChecks {

    static final long UID = 10001;
    /** Seconds a pod gets after SIGTERM at least: a watcher flushes progress and leaves the cluster. */
    static final int MIN_GRACE_SECONDS = 30;

    private PodSpecChecks() {
    }

    static List<String> check(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        for (Deployment d : manifests.deployments()) {
            String where = Manifests.describe(d);
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            PodSecurityContext psc = pod.getSecurityContext();
            if (psc == null || !Boolean.TRUE.equals(psc.getRunAsNonRoot()) || !Objects.equals(psc.getRunAsUser(), UID)
                    || psc.getSeccompProfile() == null || !"RuntimeDefault".equals(psc.getSeccompProfile().getType())) {
                problems.add(where + ": pod securityContext needs runAsNonRoot, runAsUser " + UID + " and seccomp RuntimeDefault");
            }
            if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
                problems.add(where + ": automountServiceAccountToken must be false (DNS discovery needs no API access)");
            }
            Optional<ServiceAccount> account = manifests.find(ServiceAccount.class, pod.getServiceAccountName());
            if (account.isEmpty() || !Boolean.FALSE.equals(account.get().getAutomountServiceAccountToken())) {
                problems.add(where + ": serviceAccountName must name a ServiceAccount of these manifests with automountServiceAccountToken false");
            }
            if (!Boolean.FALSE.equals(pod.getEnableServiceLinks())) {
                problems.add(where + ": enableServiceLinks must be false (service links inject CERTSTREAM_GATEWAY_PORT=tcp://...)");
            }
            if (pod.getTerminationGracePeriodSeconds() == null || pod.getTerminationGracePeriodSeconds() < MIN_GRACE_SECONDS) {
                problems.add(where + ": terminationGracePeriodSeconds must be at least " + MIN_GRACE_SECONDS);
            }
            boolean spread = pod.getTopologySpreadConstraints() != null && pod.getTopologySpreadConstraints().stream()
                    .anyMatch(t -> "kubernetes.io/hostname".equals(t.getTopologyKey()) && t.getLabelSelector() != null
                            && Manifests.selects(t.getLabelSelector().getMatchLabels(), Manifests.podLabels(d)));
            if (!spread) {
                problems.add(where + ": no topology spread over kubernetes.io/hostname that selects its own pods");
            }
            for (Container c : pod.getContainers()) {
                container(where + " container " + c.getName(), c, pod, problems);
            }
        }
        return problems;
    }

    private static void container(String where, Container c, PodSpec pod, List<String> problems) {
        SecurityContext sc = c.getSecurityContext();
        if (sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())
                || !Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem()) || sc.getCapabilities() == null
                || sc.getCapabilities().getDrop() == null || !sc.getCapabilities().getDrop().contains("ALL")) {
            problems.add(where + ": securityContext needs allowPrivilegeEscalation false, readOnlyRootFilesystem true, drop ALL");
        }
        if (sc != null && sc.getRunAsUser() != null && sc.getRunAsUser() != UID) {
            problems.add(where + ": runAsUser " + sc.getRunAsUser() + " overrides the pod's " + UID);
        }
        var resources = c.getResources();
        for (String kind : List.of("cpu", "memory")) {
            Quantity request = resources == null || resources.getRequests() == null ? null : resources.getRequests().get(kind);
            Quantity limit = resources == null || resources.getLimits() == null ? null : resources.getLimits().get(kind);
            if (request == null || limit == null) {
                problems.add(where + ": needs a " + kind + " request and limit");
            } else if (request.getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
                problems.add(where + ": " + kind + " request " + request + " exceeds its limit " + limit);
            }
        }
        writable(where, c, pod, "/tmp", problems);
        PortChecks.env(c, "CERTSTREAM_DATA_DIR").map(v -> v.getValue())
                .ifPresent(dir -> writable(where, c, pod, dir, problems));
    }

    // With a read-only root filesystem, every path the process writes must be an emptyDir mount.
    private static void writable(String where, Container c, PodSpec pod, String path, List<String> problems) {
        Optional<VolumeMount> mount = c.getVolumeMounts() == null ? Optional.empty()
                : c.getVolumeMounts().stream().filter(m -> Objects.equals(m.getMountPath(), path)).findFirst();
        Map<String, Volume> volumes = new java.util.HashMap<>();
        if (pod.getVolumes() != null) {
            pod.getVolumes().forEach(v -> volumes.put(v.getName(), v));
        }
        Volume volume = mount.map(m -> volumes.get(m.getName())).orElse(null);
        if (volume == null || volume.getEmptyDir() == null || Boolean.TRUE.equals(mount.get().getReadOnly())) {
            problems.add(where + ": " + path + " must be a writable emptyDir mount (the root filesystem is read-only)");
        } else if (volume.getEmptyDir().getSizeLimit() == null) {
            problems.add(where + ": the emptyDir at " + path + " needs a sizeLimit");
        }
    }
}

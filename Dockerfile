# syntax=docker/dockerfile:1
# One image runs every role: `docker run IMAGE watcher|broker|gateway`. Build from the repository root:
#   docker build -t certstream:0.1.0-SNAPSHOT .
# k8s/README.md has the rest (loading the image, kubectl apply -k k8s/base).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The Maven repository is a cache mount, so a rebuild does not download every dependency again.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -DskipTests -pl watcher-verticle,broker-verticle,gateway-verticle -am package

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 certstream \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin certstream \
 && mkdir -p /var/lib/certstream \
 && chown 10001:10001 /var/lib/certstream
# bin/certstream finds each role's jar at <root>/<module>/target/<module>-<version>-all.jar, and
# rebuilds only when sources newer than the jar exist; the image ships no sources, so it never does.
COPY --from=build --chmod=0755 /src/bin/certstream /opt/certstream/bin/certstream
COPY --chmod=0755 k8s/docker-entrypoint.sh /opt/certstream/bin/entrypoint
COPY --from=build /src/watcher-verticle/target/watcher-verticle-0.1.0-SNAPSHOT-all.jar /opt/certstream/watcher-verticle/target/
COPY --from=build /src/broker-verticle/target/broker-verticle-0.1.0-SNAPSHOT-all.jar /opt/certstream/broker-verticle/target/
COPY --from=build /src/gateway-verticle/target/gateway-verticle-0.1.0-SNAPSHOT-all.jar /opt/certstream/gateway-verticle/target/
# Where the watcher keeps its log list copy; Kubernetes mounts an emptyDir here (the root is read-only).
ENV CERTSTREAM_DATA_DIR=/var/lib/certstream
WORKDIR /opt/certstream
# Numeric, so that Kubernetes' runAsNonRoot can verify it without reading /etc/passwd.
USER 10001:10001
EXPOSE 4000 8080 5701 5710
ENTRYPOINT ["/opt/certstream/bin/entrypoint"]
CMD ["gateway"]

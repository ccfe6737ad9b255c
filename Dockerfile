# syntax=docker/dockerfile:1
#
# The image of each Kommunalmarkt service and of the web front end (Quarkus fast-jar on a JRE, runs as
# non-root): one recipe, the module chosen by two build arguments. The build context is the repository
# root, because the module is built in the Maven reactor together with the modules it needs (-am):
#
#   docker build --build-arg MODULE=catalog-service --build-arg PORT=8081 -t kommunalmarkt/catalog-service:0.1.0 .
#   docker build --build-arg MODULE=licensing-service --build-arg PORT=8082 -t kommunalmarkt/licensing-service:0.1.0 .
#   docker build --build-arg MODULE=billing-service --build-arg PORT=8083 -t kommunalmarkt/billing-service:0.1.0 .
#   docker build --build-arg MODULE=web --build-arg PORT=8080 -t kommunalmarkt/web:0.1.0 .
#   docker compose build          (docker-compose.yml passes MODULE and PORT for each of them)
#
# Needs BuildKit (Docker's default builder since 23.0): Maven's local repository is a cache mount,
# so plugins and dependencies are downloaded once per machine and shared by the four images,
# instead of once per image and again after every change.
#
# Runtime knobs: every Quarkus property as an environment variable (QUARKUS_HTTP_PORT,
# QUARKUS_DATASOURCE_JDBC_URL, ...); JVM flags in JAVA_OPTS (replaces the defaults below) or
# JAVA_OPTS_APPEND (added after them). JAVA_TOOL_OPTIONS works as for any JVM.

# --- build
FROM maven:3.9-eclipse-temurin-17 AS build
# The Maven module: catalog-service, licensing-service, billing-service or web.
ARG MODULE
RUN test -n "$MODULE" \
 || { echo "build argument MODULE is missing: catalog-service, licensing-service, billing-service or web" >&2; exit 1; }
WORKDIR /build
COPY . .
# Maven's local repository lives in the cache mount (not in the image): kept between builds.
RUN --mount=type=cache,id=kommunalmarkt-maven,target=/var/cache/maven \
    mvn -B -ntp -q -Dmaven.repo.local=/var/cache/maven/repository \
        -pl "$MODULE" -am package -DskipTests -Dquarkus.package.jar.type=fast-jar

# --- runtime
FROM eclipse-temurin:17-jre
ARG MODULE
# The HTTP port it listens on: 8081 catalog, 8082 licensing, 8083 billing, 8080 web (ARCHITECTURE.md).
ARG PORT
RUN test -n "$PORT" \
 || { echo "build argument PORT is missing: 8081 (catalog), 8082 (licensing), 8083 (billing) or 8080 (web)" >&2; exit 1; }
RUN groupadd --system --gid 1001 kommunalmarkt \
 && useradd --system --uid 1001 --gid kommunalmarkt --home-dir /deployments --no-create-home \
            --shell /usr/sbin/nologin kommunalmarkt
WORKDIR /deployments
# Fast-jar layers, least to most frequently changing: third-party libraries, the launcher, the
# application's own classes, the Quarkus-generated bootstrap. Owned by root: the service only reads.
COPY --from=build /build/${MODULE}/target/quarkus-app/lib/ /deployments/lib/
COPY --from=build /build/${MODULE}/target/quarkus-app/*.jar /deployments/
COPY --from=build /build/${MODULE}/target/quarkus-app/app/ /deployments/app/
COPY --from=build /build/${MODULE}/target/quarkus-app/quarkus/ /deployments/quarkus/

LABEL org.opencontainers.image.title="kommunalmarkt/${MODULE}"
ENV QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=${PORT} \
    JAVA_OPTS="-XX:MaxRAMPercentage=75.0 -Djava.util.logging.manager=org.jboss.logmanager.LogManager" \
    JAVA_OPTS_APPEND=""
USER 1001
EXPOSE ${PORT}

# The JRE image has bash but no guaranteed HTTP client: talk HTTP over bash's /dev/tcp.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=6 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${QUARKUS_HTTP_PORT} && printf 'GET /q/health/ready HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && IFS= read -r -t 5 status_line <&3 && [[ $status_line == *' 200 '* ]]"]

# sh -c so that JAVA_OPTS is word-split; exec so that java is PID 1 and gets SIGTERM directly.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS $JAVA_OPTS_APPEND -jar /deployments/quarkus-run.jar \"$@\"", "quarkus-run"]

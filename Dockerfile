# syntax=docker/dockerfile:1
# One image for every route group; ROUTE_GROUPS picks what a container runs (api, ingest, process, cleanup, all).
# It holds the service jar only: local mode (embedded S3, SQS and PostgreSQL) is not part of it.

# The build stage runs on the builder's own platform: the jar is the same for every platform, so an arm64 image
# built on x86 never runs Maven under emulation. Compiled for release 17, the jar also runs on users' JDK 17.
FROM --platform=$BUILDPLATFORM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -pl micronaut-app -am package \
 && cp micronaut-app/target/signalbox.jar /signalbox.jar

# The runtime is JDK 25's JRE, which writes full result CSVs about half again as fast as 17. No RUN step here, so
# nothing is emulated either; the user is a bare numeric id.
FROM eclipse-temurin:25-jre
WORKDIR /app
COPY --from=build --chown=root:root --chmod=0444 /signalbox.jar /app/signalbox.jar
USER 10001:10001
ENV ROUTE_GROUPS=all \
    SIGNALBOX_LOG_FORMAT=json \
    JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=25 -XX:+ExitOnOutOfMemoryError -Djava.security.egd=file:/dev/urandom"
EXPOSE 8080
# Exec form: java is PID 1 and receives SIGTERM itself, so the application shuts down gracefully.
ENTRYPOINT ["java", "-jar", "/app/signalbox.jar"]

# syntax=docker/dockerfile:1
# One image for every route group; ROUTE_GROUPS picks what a container runs (api, ingest, process, cleanup, all).

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -pl micronaut-app -am package \
 && cp micronaut-app/target/signalbox.jar /signalbox.jar

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 signalbox \
 && useradd --system --uid 10001 --gid signalbox --no-create-home --shell /usr/sbin/nologin signalbox
WORKDIR /app
COPY --from=build --chown=root:root --chmod=0444 /signalbox.jar /app/signalbox.jar
USER 10001:10001
ENV ROUTE_GROUPS=all \
    MICRONAUT_ENVIRONMENTS=aws \
    SIGNALBOX_LOG_FORMAT=json \
    JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=25 -XX:+ExitOnOutOfMemoryError -Djava.security.egd=file:/dev/urandom"
EXPOSE 8080
# Exec form: java is PID 1 and receives SIGTERM itself, so the application shuts down gracefully.
ENTRYPOINT ["java", "-jar", "/app/signalbox.jar"]

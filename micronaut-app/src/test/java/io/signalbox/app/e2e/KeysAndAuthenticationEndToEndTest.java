package io.signalbox.app.e2e;

import static io.signalbox.app.e2e.JobsClient.json;
import static io.signalbox.app.e2e.JobsClient.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signalbox.app.tenant.ApiKeyStore;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keys as operators manage them and as clients use them: a revoked key fails on the next request, a changed
 * configured key retires the old one, a short configured key is refused at start, failed authentications are limited
 * per client address, and an idempotency key holds one request for its time.
 */
class KeysAndAuthenticationEndToEndTest {

    private static RunningSignalbox signalbox;
    private static JobsClient jobs;

    @BeforeAll
    static void start() {
        signalbox = new RunningSignalbox(5, Duration.ofSeconds(30)).start(Map.of());
        jobs = new JobsClient(signalbox);
    }

    @AfterAll
    static void stop() {
        if (signalbox != null) {
            signalbox.close();
        }
    }

    @Test
    void aRevokedKeyFailsOnTheVeryNextRequest() {
        ApiKeyStore keys = signalbox.app().getBean(ApiKeyStore.class);
        String key = keys.create("globex");
        assertThat(list(key).statusCode()).isEqualTo(200);

        String id = keys.list("globex").get(0).id();
        assertThat(keys.revoke("globex", id)).contains(id);

        HttpResponse<String> refused = list(key);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("unauthorized").contains("the API key is not valid");
        assertThat(keys.revoke("globex", id)).isEmpty();
    }

    @Test
    void aChangedConfiguredKeyRevokesTheOneItReplacesAndLeavesMadeKeysAlone() {
        String made = signalbox.app().getBean(ApiKeyStore.class).create(RunningSignalbox.TENANT);
        String replacement = "sbx_replacement_key_for_tenant_acme_0123456789";
        try {
            signalbox.start(Map.of("signalbox.bootstrap.api-key", replacement));

            assertThat(list(RunningSignalbox.API_KEY).statusCode()).isEqualTo(401);
            assertThat(list(replacement).statusCode()).isEqualTo(200);
            assertThat(list(made).statusCode()).isEqualTo(200);
        } finally {
            signalbox.start(Map.of());
        }
        assertThat(list(RunningSignalbox.API_KEY).statusCode()).as("a revoked key stays revoked").isEqualTo(401);
    }

    @Test
    void aConfiguredKeyShorterThan32CharactersIsRefusedAtStart() {
        try {
            assertThatThrownBy(() -> signalbox.start(Map.of("signalbox.bootstrap.api-key", "short-key-1234")))
                    .hasStackTraceContaining("SIGNALBOX_API_KEY (signalbox.bootstrap.api-key) has 14 characters; an"
                            + " API key needs at least 32");
        } finally {
            signalbox.start(Map.of());
        }
    }

    @Test
    void failedAuthenticationsPastTheLimitAreAnswered429WithRetryAfterUntilTheWindowPasses() {
        try {
            signalbox.start(Map.of("signalbox.auth.max-failures", 3, "signalbox.auth.failure-window", "1h"));
            for (int i = 0; i < 3; i++) {
                assertThat(list("sbx_a_guessed_key_" + i).statusCode()).isEqualTo(401);
            }

            HttpResponse<String> limited = list("sbx_a_guessed_key_3");
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After").map(Long::parseLong).orElseThrow())
                    .isBetween(3000L, 3600L);
            assertThat(limited.body()).contains("too_many_failed_authentications");
            assertThat(list(RunningSignalbox.API_KEY).statusCode()).as("the address is held off, good key or not")
                    .isEqualTo(429);
        } finally {
            signalbox.start(Map.of());
        }
        assertThat(list(RunningSignalbox.API_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void anIdempotencyKeyReusedForAnotherRequestIsRefusedAndExpiresAfterItsTime() throws Exception {
        byte[] prices = sample("prices.csv");
        HttpResponse<String> first = jobs.upload(prices, "?name=a.csv", "Idempotency-Key", "reuse-1");
        assertThat(first.statusCode()).isEqualTo(202);
        String id = json(first.body()).get("id").asText();

        HttpResponse<String> otherName = jobs.upload(prices, "?name=b.csv", "Idempotency-Key", "reuse-1");
        HttpResponse<String> otherRecipe = jobs.upload(prices, "?name=a.csv&recipe=indicators", "Idempotency-Key",
                "reuse-1");
        HttpResponse<String> same = jobs.upload(prices, "?name=a.csv", "Idempotency-Key", "reuse-1");

        assertThat(otherName.statusCode()).isEqualTo(422);
        assertThat(json(otherName.body()).get("error").asText()).isEqualTo("idempotency_key_reused");
        assertThat(otherName.body()).contains("reuse-1").contains(id);
        assertThat(otherRecipe.statusCode()).isEqualTo(422);
        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(json(same.body()).get("id").asText()).isEqualTo(id);

        try (Connection db = signalbox.database()) {
            db.createStatement().execute("UPDATE jobs SET created_at = created_at - interval '25 hours'"
                    + " WHERE id = '" + id + "'");
        }
        HttpResponse<String> afterDay = jobs.upload(prices, "?name=b.csv", "Idempotency-Key", "reuse-1");
        assertThat(afterDay.statusCode()).isEqualTo(202);
        assertThat(json(afterDay.body()).get("id").asText()).isNotEqualTo(id);
    }

    private static HttpResponse<String> list(String key) {
        return signalbox.send(HttpRequest.newBuilder(signalbox.uri("/v1/jobs")).header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}

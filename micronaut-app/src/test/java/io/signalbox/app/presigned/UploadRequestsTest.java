package io.signalbox.app.presigned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.http.HttpStatus;
import io.signalbox.app.api.ApiException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class UploadRequestsTest {

    private static final String SHA = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";
    private static final String PART_SHA = "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=";

    @Test
    void readsAFullCreationRequest() {
        PresignedUploadCommand request = PresignedUploadCommand.read(json("""
                {"upload": "presigned", "name": "prices.csv", "size": 1073741824, "sha256": "%s",
                 "recipe": {"version": 1, "indicators": [{"type": "sma", "window": 5}]},
                 "signals": {"name": "signals.csv", "size": 2048}, "checksumAlgorithm": "sha256",
                 "callbackUrl": "https://hooks.example.com/signalbox"}""".formatted(SHA)));

        assertThat(request).isEqualTo(new PresignedUploadCommand("prices.csv", 1073741824L, SHA.toLowerCase(), null,
                "{\"version\":1,\"indicators\":[{\"type\":\"sma\",\"window\":5}]}",
                new PresignedUploadCommand.Signals("signals.csv", 2048), true, "https://hooks.example.com/signalbox"));
    }

    @Test
    void takesTheSmallestRequestAndNullsAsNotGiven() {
        assertThat(PresignedUploadCommand.read(json("""
                {"upload": "presigned", "size": 10, "sha256": null, "recipe": null, "signals": null}""")))
                .isEqualTo(new PresignedUploadCommand(null, 10, null, null, null, null, false, null));
    }

    @Test
    void namesAnUnknownKey() {
        refused(() -> PresignedUploadCommand.read(json("{\"upload\": \"presigned\", \"size\": 1, \"sizee\": 2}")),
                HttpStatus.BAD_REQUEST, "bad_request").hasMessageStartingWith("unknown key \"sizee\"; expected one of"
                        + " upload, name, size, sha256, recipe, preset, signals, checksumAlgorithm");
        refused(() -> PresignedUploadCommand.read(json("""
                {"upload": "presigned", "size": 1, "signals": {"size": 1, "url": "x"}}""")),
                HttpStatus.BAD_REQUEST, "bad_request").hasMessage("unknown key \"signals.url\"; expected one of name, size");
    }

    @Test
    void namesADeclaredSha256ThatIsNotSixtyFourHexCharacters() {
        refused(() -> PresignedUploadCommand.read(json("{\"upload\": \"presigned\", \"size\": 1, \"sha256\": \"abc\"}")),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid_field")
                .hasMessage("\"sha256\" is \"abc\"; expected the file's SHA-256 as 64 hexadecimal characters");
        refused(() -> PresignedUploadCommand.read(json("{\"upload\": \"presigned\", \"size\": 1, \"sha256\": \""
                + SHA.replace('A', 'g') + "\"}")), HttpStatus.UNPROCESSABLE_ENTITY, "invalid_field")
                .hasMessage("\"sha256\" is \"" + SHA.replace('A', 'g') + "\"; expected the file's SHA-256 as 64"
                        + " hexadecimal characters");
        refused(() -> PresignedUploadCommand.read(json("{\"upload\": \"presigned\", \"size\": 1, \"sha256\": \""
                + SHA.substring(1) + "\"}")), HttpStatus.UNPROCESSABLE_ENTITY, "invalid_field")
                .hasMessageStartingWith("\"sha256\" is \"" + SHA.substring(1) + "\";");
    }

    @Test
    void namesASizeThatIsNotAWholeNumberOfBytes() {
        refused(() -> PresignedUploadCommand.read(json("{\"upload\": \"presigned\", \"size\": \"12\"}")),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid_field")
                .hasMessage("\"size\" is the string \"12\"; expected the file's size in bytes, a whole number from 1");
        refused(() -> PresignedUploadCommand.read(json("{\"upload\": \"presigned\", \"size\": 0}")),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid_field").hasMessageStartingWith("\"size\" is the number 0;");
        refused(() -> PresignedUploadCommand.read(json("{\"upload\": \"presigned\", \"size\": 1.5}")),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid_field").hasMessageStartingWith("\"size\" is the number 1.5;");
        refused(() -> PresignedUploadCommand.read(json("{\"upload\": \"presigned\", \"signals\": {\"size\": -1}, \"size\": 3}")),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid_field").hasMessageStartingWith("\"signals.size\" is the number -1;");
        refused(() -> PresignedUploadCommand.read(json("{\"upload\": \"presigned\"}")), HttpStatus.BAD_REQUEST,
                "bad_request").hasMessage("\"size\" is missing");
    }

    @Test
    void refusesOtherKindsOfUploadAndBothARecipeAndAPreset() {
        refused(() -> PresignedUploadCommand.read(json("{\"upload\": \"streamed\", \"size\": 1}")),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid_field").hasMessageStartingWith("\"upload\" is \"streamed\";"
                        + " expected \"presigned\"");
        refused(() -> PresignedUploadCommand.read(json("""
                {"upload": "presigned", "size": 1, "preset": "default", "recipe": {"version": 1}}""")),
                HttpStatus.BAD_REQUEST, "bad_request").hasMessage("both \"recipe\" and \"preset\" were given; give one");
        refused(() -> PresignedUploadCommand.read(json("{\"upload\": \"presigned\", \"size\": 1, \"recipe\": \"default\"}")),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid_field").hasMessageContaining("name a preset with \"preset\"");
        refused(() -> PresignedUploadCommand.read(json("{\"upload\": \"presigned\", \"size\": 1, \"checksumAlgorithm\": \"MD5\"}")),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid_field").hasMessage("\"checksumAlgorithm\" is \"MD5\"; expected \"SHA256\"");
    }

    @Test
    void refusesABodyThatIsNotOneJsonObjectSayingWhere() {
        refused(() -> PresignedUploadCommand.read(json("{\"upload\": \"presigned\",\n \"size\": 1,,}")),
                HttpStatus.BAD_REQUEST, "bad_request").hasMessageStartingWith("the body is not valid JSON at line 2, column 12: ");
        refused(() -> PresignedUploadCommand.read(json("[1, 2]")), HttpStatus.BAD_REQUEST, "bad_request")
                .hasMessage("the body is a list; expected a JSON object");
        refused(() -> PresignedUploadCommand.read(json("")), HttpStatus.BAD_REQUEST, "bad_request")
                .hasMessage("the body is empty; expected a JSON object");
        refused(() -> PresignedUploadCommand.read(json("{\"size\": 1, \"size\": 2, \"upload\": \"presigned\"}")),
                HttpStatus.BAD_REQUEST, "bad_request").hasMessageContaining("size");
        refused(() -> PresignedUploadCommand.read(json("{\"upload\": \"presigned\", \"name\": \""
                + "x".repeat(UploadRequests.MAX_BODY_BYTES) + "\", \"size\": 1}")),
                HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large");
    }

    @Test
    void readsACompletionInS3sShape() {
        assertThat(UploadRequests.completion(json("""
                {"parts": [{"partNumber": 1, "etag": "\\"abc\\""}, {"partNumber": 2, "etag": "def",
                 "checksumSHA256": "%s"}]}""".formatted(PART_SHA))))
                .containsExactly(new UploadRequests.CompletedPartCommand(1, "\"abc\"", null),
                        new UploadRequests.CompletedPartCommand(2, "def", PART_SHA));
    }

    @Test
    void namesTheFaultyPartOfACompletion() {
        refused(() -> UploadRequests.completion(json("{\"parts\": [{\"partNumber\": 1, \"etag\": \"a\"}, {\"partNumber\": 2}]}")),
                HttpStatus.BAD_REQUEST, "bad_request").hasMessage("\"parts[1].etag\" is missing");
        refused(() -> UploadRequests.completion(json("{\"parts\": [{\"partNumber\": 0, \"etag\": \"a\"}]}")),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid_field")
                .hasMessage("\"parts[0].partNumber\" is the number 0; expected a part number from 1");
        refused(() -> UploadRequests.completion(json("{\"parts\": [{\"PartNumber\": 1, \"etag\": \"a\"}]}")),
                HttpStatus.BAD_REQUEST, "bad_request")
                .hasMessage("unknown key \"parts[0].PartNumber\"; expected one of partNumber, etag, checksumSHA256");
        refused(() -> UploadRequests.completion(json("{\"parts\": [{\"partNumber\": 1, \"etag\": \"a\", \"checksumSHA256\": \"abc\"}]}")),
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid_field").hasMessageStartingWith("\"parts[0].checksumSHA256\" is \"abc\";");
        refused(() -> UploadRequests.completion(json("{\"parts\": []}")), HttpStatus.UNPROCESSABLE_ENTITY, "invalid_field")
                .hasMessage("\"parts\" is an empty list; expected a list of parts, one object each");
        refused(() -> UploadRequests.completion(json("{\"Parts\": []}")), HttpStatus.BAD_REQUEST, "bad_request")
                .hasMessage("unknown key \"Parts\"; expected one of parts");
    }

    @Test
    void readsPartsAskedForWithTheirChecksums() {
        assertThat(UploadRequests.partUrls(json("{\"parts\": [{\"partNumber\": 3, \"checksumSHA256\": \"" + PART_SHA + "\"}]}")))
                .containsExactly(new UploadRequests.PartUrlCommand(3, PART_SHA));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(Runnable call, HttpStatus status, String code) {
        return assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().getCode()).isEqualTo(status.getCode());
            assertThat(e.code()).isEqualTo(code);
        });
    }

    private static InputStream json(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}

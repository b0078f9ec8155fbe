package io.signalbox.app.presigned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.signalbox.app.api.ApiException;
import io.signalbox.app.presigned.UploadRequests.CompletedPartCommand;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Part;

class CompletionCheckTest {

    private static final long MIB = 1024 * 1024;
    /** Three parts: 8 MiB, 8 MiB and 100 bytes. */
    private static final PartPlan PLAN = PartPlan.of(16 * MIB + 100);
    private static final String SHA_1 = "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=";
    private static final String SHA_2 = "LCa0a2j/xo/5m0U8HTBBNBNCLXBkg7+g+YpeiGJm564=";

    @Test
    void completesWithEveryPartInOrderWhateverTheOrderListed() {
        List<CompletedPart> parts = CompletionCheck.completedParts("j", PLAN, false,
                List.of(given(3, "\"e3\""), given(1, "e1"), given(2, "\"e2\"")), stored());

        assertThat(parts).extracting(CompletedPart::partNumber, CompletedPart::eTag).containsExactly(
                tuple(1, "\"e1\""), tuple(2, "\"e2\""),
                tuple(3, "\"e3\""));
        assertThat(parts).extracting(CompletedPart::checksumSHA256).containsOnlyNulls();
    }

    @Test
    void namesThePartWhoseETagDoesNotMatch() {
        refused(() -> CompletionCheck.completedParts("j", PLAN, false,
                List.of(given(1, "e1"), given(2, "\"x2\""), given(3, "e3")), stored()), "etag_mismatch")
                .hasMessage("the ETag of part 2 (\"x2\" given, \"e2\" stored) is not the one of the part stored; send"
                        + " the ETag each part's upload answered, or upload the part again");
    }

    @Test
    void namesPartsMissingFromTheList() {
        refused(() -> CompletionCheck.completedParts("j", PLAN, false, List.of(given(2, "e2")), stored()),
                "parts_missing").hasMessage("parts 1 and 3 are missing from the list; list every part from 1 to 3"
                        + " with the ETag its upload answered");
    }

    @Test
    void namesPartsStorageDoesNotHaveWholeWithWhereToGetTheirUrls() {
        List<Part> stored = new ArrayList<>(stored());
        stored.remove(2);
        stored.set(0, part(1, "e1", 5 * MIB));

        refused(() -> CompletionCheck.completedParts("j-1", PLAN, false,
                List.of(given(1, "e1"), given(2, "e2"), given(3, "e3")), stored), "parts_missing")
                .hasMessage("parts 1 and 3 are not uploaded, or not whole; GET /v1/jobs/j-1/upload lists what storage"
                        + " has and gives URLs for the rest");
    }

    @Test
    void refusesPartsTheUploadDoesNotHaveOrListedTwice() {
        refused(() -> CompletionCheck.completedParts("j", PLAN, false,
                List.of(given(1, "e1"), given(4, "e4")), stored()), "bad_request")
                .hasMessage("parts[1].partNumber is 4, but the upload has parts 1 to 3");
        refused(() -> CompletionCheck.completedParts("j", PLAN, false,
                List.of(given(1, "e1"), given(1, "e1")), stored()), "bad_request")
                .hasMessage("part 1 is listed more than once");
    }

    @Test
    void passesEachPartsChecksumWhenTheUploadTakesThem() {
        List<Part> stored = List.of(part(1, "e1", 8 * MIB).toBuilder().checksumSHA256(SHA_1).build(),
                part(2, "e2", 8 * MIB), part(3, "e3", 100));
        List<CompletedPartCommand> given = List.of(given(1, "e1"), new CompletedPartCommand(2, "e2", SHA_2),
                new CompletedPartCommand(3, "e3", SHA_1));

        assertThat(CompletionCheck.completedParts("j", PLAN, true, given, stored))
                .extracting(CompletedPart::checksumSHA256).containsExactly(SHA_1, SHA_2, SHA_1);
        refused(() -> CompletionCheck.completedParts("j", PLAN, true, List.of(new CompletedPartCommand(1, "e1", SHA_2),
                given(2, "e2"), new CompletedPartCommand(3, "e3", SHA_1)), stored), "checksum_mismatch")
                .hasMessageStartingWith("the upload takes a SHA-256 per part, and part 1 and part 2 have none or"
                        + " another than the part stored;");
    }

    @Test
    void namesAtMostTwentyParts() {
        PartPlan plan = PartPlan.of(30 * 8 * MIB);

        refused(() -> CompletionCheck.completedParts("j", plan, false, List.of(given(1, "e1")), List.of()),
                "parts_missing").hasMessageStartingWith("parts 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,"
                        + " 18, 19, 20, 21 and 9 more are missing");
    }

    private static List<Part> stored() {
        return List.of(part(1, "e1", 8 * MIB), part(2, "e2", 8 * MIB), part(3, "e3", 100));
    }

    private static Part part(int number, String eTag, long size) {
        return Part.builder().partNumber(number).eTag("\"" + eTag + "\"").size(size).build();
    }

    private static CompletedPartCommand given(int number, String eTag) {
        return new CompletedPartCommand(number, eTag, null);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(Runnable call, String code) {
        return assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().getCode()).isEqualTo(400);
            assertThat(e.code()).isEqualTo(code);
        });
    }
}

package io.signalbox.app.presigned;

import io.micronaut.http.HttpStatus;
import io.signalbox.app.api.ApiException;
import io.signalbox.routes.storage.ETags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Part;

/**
 * Decides whether an owner's list of parts completes a presigned upload, before storage is asked to: every part from
 * 1 to the last listed once, uploaded whole, with the ETag (and checksum) storage has for it. Storage would refuse
 * most of these too, but not naming the parts at fault.
 */
final class CompletionCheck {

    private static final int MAX_NAMED = 20;

    private CompletionCheck() {
    }

    /**
     * @param jobId the job, for the answers
     * @param plan how the file is cut into parts
     * @param checksummed whether every part was sent with its SHA-256
     * @param given the parts as the owner lists them
     * @param stored the parts storage has
     * @return the parts to complete the upload with, in order
     * @throws ApiException 400 naming the parts at fault
     */
    static List<CompletedPart> completedParts(String jobId, PartPlan plan, boolean checksummed,
            List<UploadRequests.CompletedPartCommand> given, List<Part> stored) {
        Map<Integer, UploadRequests.CompletedPartCommand> listed = new TreeMap<>();
        for (int i = 0; i < given.size(); i++) {
            UploadRequests.CompletedPartCommand part = given.get(i);
            if (part.partNumber() > plan.partCount()) {
                throw bad("bad_request", "parts[" + i + "].partNumber is " + part.partNumber() + ", but the upload has"
                        + " parts 1 to " + plan.partCount());
            }
            if (listed.put(part.partNumber(), part) != null) {
                throw bad("bad_request", "part " + part.partNumber() + " is listed more than once");
            }
        }
        List<Integer> unlisted = numbers(plan, number -> !listed.containsKey(number));
        if (!unlisted.isEmpty()) {
            throw bad("parts_missing", named(unlisted) + " missing from the list; list every part from 1 to "
                    + plan.partCount() + " with the ETag its upload answered");
        }
        Map<Integer, Part> whole = stored.stream()
                .filter(part -> part.partNumber() <= plan.partCount() && part.size() == plan.sizeOf(part.partNumber()))
                .collect(Collectors.toMap(Part::partNumber, Function.identity(), (first, second) -> second));
        List<Integer> notUploaded = numbers(plan, number -> !whole.containsKey(number));
        if (!notUploaded.isEmpty()) {
            throw bad("parts_missing", named(notUploaded) + " not uploaded, or not whole; GET /v1/jobs/" + jobId
                    + "/upload lists what storage has and gives URLs for the rest");
        }
        List<String> wrongETags = new ArrayList<>();
        List<String> wrongChecksums = new ArrayList<>();
        List<CompletedPart> completed = new ArrayList<>();
        for (UploadRequests.CompletedPartCommand part : listed.values()) {
            Part has = whole.get(part.partNumber());
            if (!ETags.unquoted(part.etag()).equals(ETags.unquoted(has.eTag()))) {
                wrongETags.add("part " + part.partNumber() + " (\"" + ETags.unquoted(part.etag()) + "\" given, \""
                        + ETags.unquoted(has.eTag()) + "\" stored)");
            }
            String checksum = part.checksumSHA256() != null ? part.checksumSHA256() : has.checksumSHA256();
            if (checksummed && (checksum == null
                    || has.checksumSHA256() != null && !Objects.equals(checksum, has.checksumSHA256()))) {
                wrongChecksums.add("part " + part.partNumber());
            }
            completed.add(CompletedPart.builder().partNumber(part.partNumber()).eTag(has.eTag())
                    .checksumSHA256(checksummed ? checksum : null).build());
        }
        if (!wrongETags.isEmpty()) {
            throw bad("etag_mismatch", "the ETag of " + joined(wrongETags) + " is not the one of the part stored;"
                    + " send the ETag each part's upload answered, or upload the part again");
        }
        if (!wrongChecksums.isEmpty()) {
            throw bad("checksum_mismatch", "the upload takes a SHA-256 per part, and " + joined(wrongChecksums)
                    + (wrongChecksums.size() == 1 ? " has" : " have") + " none or another than the part stored;"
                    + " send each part's checksumSHA256 as its URL was issued with");
        }
        return completed;
    }

    private static List<Integer> numbers(PartPlan plan, java.util.function.IntPredicate wanted) {
        List<Integer> numbers = new ArrayList<>();
        for (int number = 1; number <= plan.partCount(); number++) {
            if (wanted.test(number)) {
                numbers.add(number);
            }
        }
        return numbers;
    }

    /** "part 4 is" or "parts 4, 7 and 9 are", naming at most {@value #MAX_NAMED}. */
    private static String named(List<Integer> numbers) {
        if (numbers.size() == 1) {
            return "part " + numbers.get(0) + " is";
        }
        return "parts " + joined(numbers.stream().map(String::valueOf).toList()) + " are";
    }

    private static String joined(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        if (items.size() > MAX_NAMED) {
            return String.join(", ", items.subList(0, MAX_NAMED)) + " and " + (items.size() - MAX_NAMED) + " more";
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static ApiException bad(String code, String text) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, text);
    }
}

package io.signalbox.app.presigned;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.signalbox.app.api.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Reads the JSON bodies of presigned uploads. Every problem is answered naming the key at fault, what was found and
 * what was expected: a body that is not a JSON object or has a key that is not known is a 400, a value that is not
 * one the key takes a 422.
 */
final class UploadRequests {

    /** Bodies larger than this are refused before they are parsed: the largest, a completion, is far smaller. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final List<String> CREATION_KEYS = List.of("upload", "name", "size", "sha256", "recipe", "preset",
            "signals", "checksumAlgorithm", "callbackUrl");
    private static final List<String> SIGNALS_KEYS = List.of("name", "size");
    private static final List<String> COMPLETION_PART_KEYS = List.of("partNumber", "etag", "checksumSHA256");
    private static final List<String> URL_PART_KEYS = List.of("partNumber", "checksumSHA256");

    private UploadRequests() {
    }

    /**
     * @param body {@code {"upload":"presigned","name","size","sha256"?,"recipe"|"preset","signals"?,"checksumAlgorithm"?,"callbackUrl"?}}
     * @return what it asks for; the recipe and the name are not checked here
     */
    static PresignedUploadCommand creation(InputStream body) {
        JsonNode root = object(read(body), "the body");
        knownKeys(root, "", CREATION_KEYS);
        String upload = text(root, "upload", true);
        if (!"presigned".equals(upload)) {
            throw invalid("\"upload\" is \"" + upload + "\"; expected \"presigned\" (streamed uploads send the file"
                    + " itself as the body)");
        }
        String sha256 = text(root, "sha256", false);
        if (sha256 != null && !SHA256_HEX.matcher(sha256).matches()) {
            throw invalid("\"sha256\" is \"" + shorten(sha256) + "\"; expected the file's SHA-256 as 64 hexadecimal"
                    + " characters");
        }
        JsonNode recipe = present(root.get("recipe"));
        if (recipe != null && !recipe.isObject()) {
            throw invalid("\"recipe\" is " + describe(recipe) + "; expected a recipe document (a JSON object), or"
                    + " name a preset with \"preset\"");
        }
        String preset = text(root, "preset", false);
        if (recipe != null && preset != null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "bad_request",
                    "both \"recipe\" and \"preset\" were given; give one");
        }
        String checksumAlgorithm = text(root, "checksumAlgorithm", false);
        if (checksumAlgorithm != null && !checksumAlgorithm.equalsIgnoreCase(PresignedUpload.SHA256)) {
            throw invalid("\"checksumAlgorithm\" is \"" + shorten(checksumAlgorithm) + "\"; expected \"SHA256\"");
        }
        return new PresignedUploadCommand(text(root, "name", false), size(root, "size", ""),
                sha256 == null ? null : sha256.toLowerCase(Locale.ROOT), preset,
                recipe == null ? null : recipe.toString(), signals(root.get("signals")), checksumAlgorithm != null,
                text(root, "callbackUrl", false));
    }

    /**
     * @param body {@code {"parts":[{"partNumber":1,"etag":"…","checksumSHA256":"…"?},…]}}
     * @return the parts as listed
     */
    static List<CompletedPartCommand> completion(InputStream body) {
        return parts(body, COMPLETION_PART_KEYS, (part, at) -> new CompletedPartCommand(partNumber(part, at),
                text(part, "etag", true, at + "."), checksum(part, at)));
    }

    /**
     * @param body {@code {"parts":[{"partNumber":1,"checksumSHA256":"…"?},…]}}
     * @return the parts URLs are asked for
     */
    static List<PartUrlCommand> partUrls(InputStream body) {
        return parts(body, URL_PART_KEYS, (part, at) -> new PartUrlCommand(partNumber(part, at), checksum(part, at)));
    }

    /** Reads {@code {"parts": [...]}}, each part an object of the keys given, named {@code parts[i]} in answers. */
    private static <T> List<T> parts(InputStream body, List<String> keys, BiFunction<JsonNode, String, T> reader) {
        JsonNode root = object(read(body), "the body");
        knownKeys(root, "", List.of("parts"));
        JsonNode list = root.get("parts");
        if (list == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "bad_request", "\"parts\" is missing; expected"
                    + " {\"parts\": [{\"partNumber\": 1, …}, …]}");
        }
        if (!list.isArray() || list.isEmpty()) {
            throw invalid("\"parts\" is " + describe(list) + "; expected a list of parts, one object each");
        }
        List<T> parts = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "parts[" + i + "]";
            JsonNode part = object(list.get(i), "\"" + at + "\"");
            knownKeys(part, at + ".", keys);
            parts.add(reader.apply(part, at));
        }
        return parts;
    }

    private static PresignedUploadCommand.Signals signals(@Nullable JsonNode signals) {
        if (present(signals) == null) {
            return null;
        }
        JsonNode declared = object(signals, "\"signals\"");
        knownKeys(declared, "signals.", SIGNALS_KEYS);
        return new PresignedUploadCommand.Signals(text(declared, "name", false, "signals."),
                size(declared, "size", "signals."));
    }

    private static int partNumber(JsonNode part, String at) {
        JsonNode number = required(part, "partNumber", at + ".");
        if (!number.isIntegralNumber() || !number.canConvertToInt() || number.intValue() < 1) {
            throw invalid("\"" + at + ".partNumber\" is " + describe(number) + "; expected a part number from 1");
        }
        return number.intValue();
    }

    private static String checksum(JsonNode part, String at) {
        String checksum = text(part, "checksumSHA256", false, at + ".");
        if (checksum != null && !isBase64Sha256(checksum)) {
            throw invalid("\"" + at + ".checksumSHA256\" is \"" + shorten(checksum) + "\"; expected the part's"
                    + " SHA-256 in base64, 44 characters");
        }
        return checksum;
    }

    private static boolean isBase64Sha256(String value) {
        try {
            return value.length() == 44 && Base64.getDecoder().decode(value).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static long size(JsonNode parent, String key, String prefix) {
        JsonNode size = required(parent, key, prefix);
        if (!size.isIntegralNumber() || !size.canConvertToLong() || size.longValue() < 1) {
            throw invalid("\"" + prefix + key + "\" is " + describe(size) + "; expected the file's size in bytes, a"
                    + " whole number from 1");
        }
        return size.longValue();
    }

    private static String text(JsonNode parent, String key, boolean required) {
        return text(parent, key, required, "");
    }

    private static String text(JsonNode parent, String key, boolean required, String prefix) {
        JsonNode value = required ? required(parent, key, prefix) : parent.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw invalid("\"" + prefix + key + "\" is " + describe(value) + "; expected a non-empty string");
        }
        return value.asText();
    }

    private static JsonNode required(JsonNode parent, String key, String prefix) {
        JsonNode value = parent.get(key);
        if (value == null || value.isNull()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "bad_request", "\"" + prefix + key + "\" is missing");
        }
        return value;
    }

    /** A key given as {@code null} is taken as not given. */
    private static JsonNode present(@Nullable JsonNode value) {
        return value == null || value.isNull() ? null : value;
    }

    private static void knownKeys(JsonNode object, String prefix, List<String> known) {
        Set<String> allowed = Set.copyOf(known);
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "bad_request", "unknown key \"" + prefix
                        + shorten(name) + "\"; expected one of " + String.join(", ", known));
            }
        }
    }

    private static JsonNode object(JsonNode node, String what) {
        if (!node.isObject()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "bad_request", what + " is " + describe(node)
                    + "; expected a JSON object");
        }
        return node;
    }

    private static JsonNode read(InputStream body) {
        byte[] bytes;
        try (body) {
            bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large",
                    "the JSON body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || root.isMissingNode()) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "bad_request", "the body is empty; expected a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw new ApiException(HttpStatus.BAD_REQUEST, "bad_request", "the body is not valid JSON"
                    + (location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr())
                    + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "the string \"" + shorten(node.asText()) + "\"";
            case NUMBER -> "the number " + shorten(node.asText());
            case BOOLEAN -> node.asText();
            case NULL -> "null";
            case ARRAY -> node.isEmpty() ? "an empty list" : "a list";
            case OBJECT -> "an object";
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private static ApiException invalid(String text) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "invalid_field", text);
    }

    /**
     * One part of a completion, in S3's shape.
     *
     * @param partNumber the part's number
     * @param etag the ETag S3 answered when the part was uploaded
     * @param checksumSHA256 the part's SHA-256 in base64, or {@code null}
     */
    record CompletedPartCommand(int partNumber, String etag, @Nullable String checksumSHA256) {
    }

    /**
     * A part an upload URL is asked for.
     *
     * @param partNumber the part's number
     * @param checksumSHA256 the part's SHA-256 in base64, which the URL then requires, or {@code null}
     */
    record PartUrlCommand(int partNumber, @Nullable String checksumSHA256) {
    }
}

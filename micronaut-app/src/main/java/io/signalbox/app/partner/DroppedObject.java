package io.signalbox.app.partner;

import io.signalbox.topology.BucketLayout;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An object in a partner's inbox, {@code inbox/{partner}/NAME...}, as the drop folder understands its key: a data
 * file, or a sidecar that goes with the data file of the same {@code NAME} in the same folder ({@code NAME.recipe.json},
 * {@code NAME.signals.csv}). Folders inside the inbox are part of the name.
 *
 * <p>A key the drop folder cannot take (a {@code .} or {@code ..} segment, an empty folder name, a control character,
 * or results whose keys would be longer than S3 allows) has a {@link #problem()}; its outbox name is then a safe
 * variant of the key: such characters and segments become {@code _}, and a name too long is cut and given a hash of
 * the whole key.
 *
 * @param key the key as dropped
 * @param partner the partner whose inbox it is in
 * @param name the part of the key after the partner's prefix, such as {@code 2025/prices.csv}
 * @param kind what the object is
 * @param baseName the name without its file type, such as {@code 2025/prices}: what sidecars and results are named after
 * @param problem why the key cannot be taken, or {@code null} when it can
 */
public record DroppedObject(String key, String partner, String name, Kind kind, String baseName, String problem) {

    /** S3's longest key, in UTF-8 bytes. */
    static final int MAX_KEY_BYTES = 1024;

    /** The suffix of a recipe sidecar. */
    static final String RECIPE_SUFFIX = ".recipe.json";
    /** The suffixes of a signals sidecar, plain first. */
    static final List<String> SIGNALS_SUFFIXES = List.of(".signals.csv", ".signals.csv.gz");

    private static final String SIGNALS_SUFFIX = SIGNALS_SUFFIXES.get(0);
    private static final String SIGNALS_GZ_SUFFIX = SIGNALS_SUFFIXES.get(1);
    /** The longest of the suffixes results get; every result name must fit S3's limit with it. */
    private static final String LONGEST_RESULT_SUFFIX = ".summary.json";
    private static final int HASH_CHARS = 16;

    /** What an object in the inbox is. */
    public enum Kind {
        /** A prices file: it becomes a job. */
        DATA,
        /** {@code NAME.recipe.json}: the recipe for the data file {@code NAME}, read when that file arrives. */
        RECIPE,
        /** {@code NAME.signals.csv}: signals joined to the data file {@code NAME}, read when that file arrives. */
        SIGNALS
    }

    /**
     * @param key an object key
     * @return the object, or empty when the key is not a file in a partner's inbox (another prefix, or a folder)
     */
    public static Optional<DroppedObject> parse(String key) {
        if (key == null || !key.startsWith(BucketLayout.INBOX)) {
            return Optional.empty();
        }
        int slash = key.indexOf('/', BucketLayout.INBOX.length());
        if (slash <= BucketLayout.INBOX.length() || slash == key.length() - 1 || key.endsWith("/")) {
            return Optional.empty();
        }
        String partner = key.substring(BucketLayout.INBOX.length(), slash);
        String name = key.substring(slash + 1);
        String lower = name.toLowerCase(Locale.ROOT);
        Kind kind;
        String base;
        if (lower.endsWith(RECIPE_SUFFIX)) {
            kind = Kind.RECIPE;
            base = name.substring(0, name.length() - RECIPE_SUFFIX.length());
        } else if (lower.endsWith(SIGNALS_SUFFIX)) {
            kind = Kind.SIGNALS;
            base = name.substring(0, name.length() - SIGNALS_SUFFIX.length());
        } else if (lower.endsWith(SIGNALS_GZ_SUFFIX)) {
            kind = Kind.SIGNALS;
            base = name.substring(0, name.length() - SIGNALS_GZ_SUFFIX.length());
        } else {
            kind = Kind.DATA;
            base = withoutFileType(name, lower);
        }
        return Optional.of(new DroppedObject(key, partner, name, kind, base, problem(key, partner, name, base)));
    }

    /**
     * @return {@code outbox/{partner}/} and the safe base name: where results go, before their suffixes
     */
    public String outboxName() {
        String prefix = BucketLayout.outbox(partner);
        String safe = safeName(baseName);
        int budget = MAX_KEY_BYTES - utf8Length(prefix) - utf8Length(LONGEST_RESULT_SUFFIX);
        if (utf8Length(safe) <= budget) {
            return prefix + safe;
        }
        String hash = "~" + sha256(key).substring(0, HASH_CHARS);
        return prefix + cutToBytes(safe, budget - hash.length()) + hash;
    }

    /**
     * @return the key as the job store keeps it: the key itself, or for a key with control characters or over S3's
     *     length a deterministic printable stand-in, so that the same object always maps to the same row
     */
    public String storedKey() {
        String printable = escapeControls(key);
        if (utf8Length(printable) <= MAX_KEY_BYTES) {
            return printable;
        }
        String hash = "#" + sha256(key);
        return cutToBytes(printable, MAX_KEY_BYTES - hash.length()) + hash;
    }

    /**
     * @return whether the key has {@code .}, {@code ..} or empty segments: S3 keeps such a key as it is, but an S3-API
     *     server that stores objects as files resolves it to another object's path, so it must not be deleted by key
     */
    public boolean hasAmbiguousPath() {
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the name with control characters written as {@code \}{@code uXXXX}, for messages and the job's input name
     */
    public String displayName() {
        return escapeControls(name);
    }

    /**
     * @param sidecarSuffix such as {@code .recipe.json}
     * @return the key of the sidecar of this data file with that suffix
     */
    public String sidecarKey(String sidecarSuffix) {
        return BucketLayout.inbox(partner) + baseName + sidecarSuffix;
    }

    /**
     * @param sidecarSuffix such as {@code .recipe.json}
     * @return the sidecar's name as the partner knows it
     */
    public String sidecarName(String sidecarSuffix) {
        return escapeControls(baseName) + sidecarSuffix;
    }

    private static String withoutFileType(String name, String lower) {
        for (String type : new String[] {".csv.gz", ".csv", ".gz"}) {
            if (lower.endsWith(type) && lower.length() > type.length()) {
                return name.substring(0, name.length() - type.length());
            }
        }
        return name;
    }

    private static String problem(String key, String partner, String name, String base) {
        String[] segments = name.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.equals(".") || segment.equals("..")) {
                return "the key has a \"" + segment + "\" path segment; expected folder and file names only";
            }
            if (segment.isEmpty()) {
                return "the key has an empty folder name (\"//\"); expected folder and file names only";
            }
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                return String.format(Locale.ROOT, "the name has the control character U+%04X at position %d;"
                        + " expected printable characters only", (int) c, i + 1);
            }
        }
        int keyBytes = utf8Length(key);
        if (keyBytes > MAX_KEY_BYTES) {
            return "the key is " + keyBytes + " bytes long; S3 keys have at most " + MAX_KEY_BYTES;
        }
        String longest = BucketLayout.outbox(partner) + base + LONGEST_RESULT_SUFFIX;
        int longestBytes = utf8Length(longest);
        if (longestBytes > MAX_KEY_BYTES) {
            return "the name is too long for its results: " + partner + "'s outbox key for its summary would be "
                    + longestBytes + " bytes, and S3 keys have at most " + MAX_KEY_BYTES + "; shorten the name by "
                    + (longestBytes - MAX_KEY_BYTES) + " bytes or more";
        }
        return null;
    }

    private static String safeName(String name) {
        StringBuilder safe = new StringBuilder(name.length());
        String[] segments = name.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                safe.append('/');
            }
            String segment = segments[i];
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                safe.append("_".repeat(Math.max(1, segment.length())));
                continue;
            }
            for (int j = 0; j < segment.length(); j++) {
                char c = segment.charAt(j);
                safe.append(Character.isISOControl(c) ? '_' : c);
            }
        }
        return safe.toString();
    }

    private static String escapeControls(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                escaped.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** Cuts at a character boundary so that the result has at most {@code maxBytes} UTF-8 bytes. */
    private static String cutToBytes(String text, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = utf8Length(new String(Character.toChars(codePoint)));
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}

package io.signalbox.app.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Making and hashing API keys. Keys are long random strings, so a fast unsalted hash is enough to store them. */
public final class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PREFIX_LENGTH = 8;

    private ApiKeys() {
    }

    /**
     * @return a new key: {@code sbx_} and 32 random bytes, URL-safe base64
     */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "sbx_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * @param key a key
     * @return its SHA-256, lower-case hex: what is stored
     */
    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * @param key a key
     * @return its first characters, stored to tell keys apart without revealing them
     */
    public static String prefix(String key) {
        return key.substring(0, Math.min(PREFIX_LENGTH, key.length()));
    }
}

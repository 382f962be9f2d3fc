package io.channelhub.core.signature;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC computations as the providers make them, and comparisons that take the same time whatever the
 * input, so a forged signature learns nothing from how fast it is refused.
 */
public final class HmacSignatures {
    private HmacSignatures() {
    }

    public static byte[] hmac(String algorithm, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC " + algorithm + " unavailable", e);
        }
    }

    /** Meta's {@code X-Hub-Signature-256} value without its {@code sha256=} prefix. */
    public static String hmacSha256Hex(String secret, byte[] data) {
        return HexFormat.of().formatHex(hmac("HmacSHA256", utf8(secret), data));
    }

    /** Twilio's {@code X-Twilio-Signature}. */
    public static String hmacSha1Base64(String secret, byte[] data) {
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", utf8(secret), data));
    }

    /** Google's {@code X-Goog-Signature}. */
    public static String hmacSha512Base64(String secret, byte[] data) {
        return Base64.getEncoder().encodeToString(hmac("HmacSHA512", utf8(secret), data));
    }

    /** Compares two strings in time that depends only on their lengths; null equals nothing. */
    public static boolean constantTimeEquals(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(utf8(expected), utf8(actual));
    }

    /** Compares hex digests case-insensitively, in constant time. */
    public static boolean constantTimeEqualsHex(String expectedHex, String actualHex) {
        if (expectedHex == null || actualHex == null) {
            return false;
        }
        return MessageDigest.isEqual(utf8(expectedHex.toLowerCase(java.util.Locale.ROOT)),
                utf8(actualHex.toLowerCase(java.util.Locale.ROOT)));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

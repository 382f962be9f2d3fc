package io.channelhub.app.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API tokens are random 256-bit values; only their SHA-256 is stored. A fast hash is enough for
 * high-entropy tokens (no dictionary to guess from), and lookup by hash keeps each request one
 * indexed query; the hash is then compared in constant time.
 */
public final class TokenHashes {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenHashes() {
    }

    public static String newToken(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.channelhub.app.security;

import io.channelhub.app.HubProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM for connector secrets at rest, under the master key from {@code HUB_MASTER_KEY}. On the
 * embedded default without a key, a dev key file is generated under the data directory (and the log
 * says so); with {@code hub.require-master-key=true} (production profile) a missing key stops the start.
 * Ciphertext layout: base64(12-byte nonce || GCM ciphertext+tag), with the tenant and channel bound as
 * associated data so a ciphertext cannot be moved to another connector.
 */
@Component
public class SecretCipher {
    private static final Logger LOG = LoggerFactory.getLogger(SecretCipher.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(HubProperties hub) {
        this.key = new SecretKeySpec(loadKey(hub), "AES");
    }

    /**
     * A key for another purpose (signing unsubscribe links), derived from the master key so the hub
     * keeps one secret: HMAC-SHA256(master key, purpose).
     */
    public byte[] deriveKey(String purpose) {
        return io.channelhub.core.signature.HmacSignatures.hmac("HmacSHA256", key.getEncoded(),
                purpose.getBytes(StandardCharsets.UTF_8));
    }

    public String encrypt(String plaintext, String associatedData) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("secret encryption failed", e);
        }
    }

    public String decrypt(String ciphertext, String associatedData) {
        try {
            byte[] all = Base64.getDecoder().decode(ciphertext);
            if (all.length < NONCE_BYTES + TAG_BITS / 8) {
                // too short to hold a nonce and a tag: the JDK would fail with a ProviderException instead
                throw new IllegalArgumentException("truncated");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // No detail: the exception must not help anyone probing ciphertexts.
            throw new IllegalStateException("secret decryption failed (wrong master key?)");
        }
    }

    private static byte[] loadKey(HubProperties hub) {
        if (!hub.masterKey().isBlank()) {
            byte[] key = Base64.getDecoder().decode(hub.masterKey().trim());
            if (key.length != 32) {
                throw new IllegalStateException("HUB_MASTER_KEY must be the base64 of 32 bytes");
            }
            return key;
        }
        if (hub.requireMasterKey()) {
            throw new IllegalStateException("HUB_MASTER_KEY is required (hub.require-master-key=true)");
        }
        return devKey(hub.dataDir().resolve("dev-master.key"));
    }

    private static byte[] devKey(Path file) {
        try {
            if (Files.exists(file)) {
                LOG.warn("Using the generated dev master key {}; set HUB_MASTER_KEY in production", file);
                return Base64.getDecoder().decode(Files.readString(file).trim());
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(file.getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(key));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            LOG.warn("No HUB_MASTER_KEY set: generated a dev master key at {}; do not use it in production", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the dev master key " + file, e);
        }
    }
}

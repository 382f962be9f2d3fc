package io.channelhub.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelhub.app.HubProperties;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** AES-256-GCM for connector secrets at rest: {@link SecretCipher} on its own, no Spring context. */
class SecretCipherTest {
    private static final String PLAIN = "{\"accessToken\":\"EAAGm0PX4ZCpsBAPlainTextToken\"}";
    private static final String AAD = "dealer-042/whatsapp";

    @TempDir
    Path dataDir;

    @Test
    void roundTrips() {
        SecretCipher cipher = devCipher(dataDir);
        String sealed = cipher.encrypt(PLAIN, AAD);
        assertThat(sealed).doesNotContain("EAAGm0PX4ZCpsBAPlainTextToken");
        assertThat(Base64.getDecoder().decode(sealed)).hasSize(12 + PLAIN.length() + 16);
        assertThat(cipher.decrypt(sealed, AAD)).isEqualTo(PLAIN);
        assertThat(cipher.decrypt(cipher.encrypt("", AAD), AAD)).isEmpty();
        String unicode = "wachtwoord-é-€-🔑";
        assertThat(cipher.decrypt(cipher.encrypt(unicode, AAD), AAD)).isEqualTo(unicode);
    }

    @Test
    void theSamePlaintextGivesADifferentCiphertextEachTime() {
        SecretCipher cipher = devCipher(dataDir);
        String first = cipher.encrypt(PLAIN, AAD);
        String second = cipher.encrypt(PLAIN, AAD);
        assertThat(first).isNotEqualTo(second);
        // the nonce (first 12 bytes) is what differs
        assertThat(java.util.Arrays.copyOf(Base64.getDecoder().decode(first), 12))
                .isNotEqualTo(java.util.Arrays.copyOf(Base64.getDecoder().decode(second), 12));
        assertThat(cipher.decrypt(first, AAD)).isEqualTo(cipher.decrypt(second, AAD)).isEqualTo(PLAIN);
    }

    @Test
    void aTamperedCiphertextFailsWithoutShowingThePlaintext() {
        SecretCipher cipher = devCipher(dataDir);
        byte[] sealed = Base64.getDecoder().decode(cipher.encrypt(PLAIN, AAD));
        for (int i : new int[] {0, 11, 12, 20, sealed.length - 1}) { // nonce, body and tag
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            assertRefusedQuietly(cipher, Base64.getEncoder().encodeToString(tampered), AAD);
        }
        assertRefusedQuietly(cipher, Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(sealed, 20)), AAD);
        assertRefusedQuietly(cipher, "", AAD);
        assertRefusedQuietly(cipher, "not base64 at all!", AAD);
    }

    @Test
    void wrongAssociatedDataFails() {
        SecretCipher cipher = devCipher(dataDir);
        String sealed = cipher.encrypt(PLAIN, AAD);
        assertRefusedQuietly(cipher, sealed, "dealer-043/whatsapp");
        assertRefusedQuietly(cipher, sealed, "dealer-042/sms");
        assertRefusedQuietly(cipher, sealed, "");
    }

    @Test
    void withoutAMasterKeyADevKeyFileIsGeneratedUnderTheDataDirAndReused() throws Exception {
        Path dir = dataDir.resolve("nested/data");
        SecretCipher first = devCipher(dir);
        Path keyFile = dir.resolve("dev-master.key");
        assertThat(keyFile).exists();
        assertThat(Base64.getDecoder().decode(Files.readString(keyFile).trim())).hasSize(32);
        if (Files.getFileStore(keyFile).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(keyFile))
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
        String sealed = first.encrypt(PLAIN, AAD);
        // a restart reads the same key: what was stored still opens
        assertThat(devCipher(dir).decrypt(sealed, AAD)).isEqualTo(PLAIN);
        // another data dir means another key
        assertRefusedQuietly(devCipher(dataDir.resolve("other")), sealed, AAD);
    }

    @Test
    void aMasterKeyIsUsedInsteadOfADevKey() {
        String key = randomKey(32);
        SecretCipher cipher = cipher(Map.of("hub.data-dir", dataDir.toString(), "hub.master-key", key), false);
        assertThat(dataDir.resolve("dev-master.key")).doesNotExist();
        String sealed = cipher.encrypt(PLAIN, AAD);
        assertThat(cipher(Map.of("hub.data-dir", dataDir.resolve("x").toString(), "hub.master-key", key), true)
                .decrypt(sealed, AAD)).isEqualTo(PLAIN);
        assertRefusedQuietly(cipher(Map.of("hub.data-dir", dataDir.toString(), "hub.master-key", randomKey(32)),
                false), sealed, AAD);
    }

    @Test
    void aMasterKeyOfTheWrongLengthIsRefused() {
        for (int length : new int[] {16, 24, 31, 33, 64}) {
            String key = randomKey(length);
            assertThatThrownBy(() -> cipher(Map.of("hub.data-dir", dataDir.toString(), "hub.master-key", key), false))
                    .as(length + " bytes").isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("32 bytes")
                    .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(key));
        }
        assertThat(dataDir.resolve("dev-master.key")).doesNotExist();
    }

    @Test
    void aRequiredMasterKeyThatIsMissingStopsTheStart() {
        assertThatThrownBy(() -> cipher(Map.of("hub.data-dir", dataDir.toString()), true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("HUB_MASTER_KEY");
        assertThat(dataDir.resolve("dev-master.key")).doesNotExist();
    }

    private static void assertRefusedQuietly(SecretCipher cipher, String ciphertext, String aad) {
        assertThatThrownBy(() -> cipher.decrypt(ciphertext, aad)).isInstanceOf(IllegalStateException.class)
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(PLAIN)
                        .doesNotContain("EAAGm0PX4ZCpsBAPlainTextToken"));
    }

    private static SecretCipher devCipher(Path dir) {
        return cipher(Map.of("hub.data-dir", dir.toString()), false);
    }

    private static SecretCipher cipher(Map<String, String> properties, boolean requireMasterKey) {
        Map<String, String> all = new HashMap<>(properties);
        all.put("hub.require-master-key", String.valueOf(requireMasterKey));
        HubProperties hub = new Binder(new MapConfigurationPropertySource(all)).bindOrCreate("hub",
                HubProperties.class);
        return new SecretCipher(hub);
    }

    private static String randomKey(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String stackTrace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}

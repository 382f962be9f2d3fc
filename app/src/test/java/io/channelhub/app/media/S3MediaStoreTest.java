package io.channelhub.app.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelhub.app.HubProperties;
import io.channelhub.app.support.S3Server;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The S3 media store against a real S3 API server (s3proxy as a process, signature v4 checked, objects kept in a
 * directory the test reads on its own): what is stored is what the server holds, under the tenant's prefix, and
 * nothing is left behind by a refused upload.
 */
class S3MediaStoreTest {
    @TempDir
    static Path dir;
    static S3Server server;

    @BeforeAll
    static void startServer() throws IOException {
        server = new S3Server(dir.resolve("s3")).start();
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.close();
    }

    @Test
    void storesOpensAndDeletesAnObjectUnderTheTenantsPrefixInABucketItCreates() throws Exception {
        String bucket = bucket();
        byte[] jpeg = randomBytes(300_000);
        try (S3MediaStore store = store(bucket, Map.of())) {
            MediaStore.StoredMedia stored = store.put("dealer-a", new ByteArrayInputStream(jpeg), 1_000_000);

            assertThat(stored.sizeBytes()).isEqualTo(jpeg.length);
            assertThat(stored.sha256()).isEqualTo(HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(jpeg)));
            Path object = dir.resolve("s3/blobs").resolve(bucket).resolve("dealer-a").resolve(stored.id());
            assertThat(object).as("held by the server").hasBinaryContent(jpeg);
            try (InputStream in = store.open("dealer-a", stored.id()).orElseThrow()) {
                assertThat(in.readAllBytes()).isEqualTo(jpeg);
            }
            assertThat(store.open("dealer-b", stored.id())).as("another tenant's prefix").isEmpty();

            store.delete("dealer-a", stored.id());
            assertThat(object).doesNotExist();
            assertThat(store.open("dealer-a", stored.id())).isEmpty();
            store.delete("dealer-a", stored.id());
        }
        assertThat(uploadsLeft()).isEmpty();
    }

    @Test
    void mediaOverTheLimitIsRefusedAndNothingIsUploaded() throws Exception {
        String bucket = bucket();
        try (S3MediaStore store = store(bucket, Map.of())) {
            assertThatThrownBy(() -> store.put("dealer-a", new ByteArrayInputStream(randomBytes(2_001)), 2_000))
                    .isInstanceOf(MediaStore.MediaTooLargeException.class);
        }
        assertThat(dir.resolve("s3/blobs").resolve(bucket)).isEmptyDirectory();
        assertThat(uploadsLeft()).isEmpty();
    }

    @Test
    void idsTheHubDidNotMakeAreNotLookedUp() throws Exception {
        try (S3MediaStore store = store(bucket(), Map.of())) {
            assertThat(store.open("dealer-a", "../../etc/passwd")).isEmpty();
            assertThat(store.open("dealer-a", UUID.randomUUID().toString())).isEmpty();
            assertThatThrownBy(() -> store.put("../x", new ByteArrayInputStream(new byte[1]), 10))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aRefusedSignatureIsAnIOExceptionThatDoesNotCarryTheSecret() throws Exception {
        String wrong = "not-the-secret-" + UUID.randomUUID();
        try (S3MediaStore store = store(bucket(), Map.of("hub.media.s3.secret-access-key", wrong))) {
            assertThatThrownBy(() -> store.put("dealer-a", new ByteArrayInputStream(randomBytes(10)), 100))
                    .isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong));
        }
        assertThat(uploadsLeft()).isEmpty();
    }

    private static S3MediaStore store(String bucket, Map<String, String> overrides) throws IOException {
        Map<String, String> properties = new HashMap<>(server.hubProperties(bucket));
        properties.put("hub.data-dir", dir.resolve("hub").toString());
        properties.putAll(overrides);
        HubProperties hub = new Binder(new MapConfigurationPropertySource(properties))
                .bind("hub", HubProperties.class).get();
        return new S3MediaStore(hub);
    }

    private static String bucket() {
        return "media-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static Stream<Path> uploadsLeft() throws IOException {
        Path uploads = dir.resolve("hub/media-uploads");
        return Files.exists(uploads) ? Files.list(uploads).toList().stream() : Stream.empty();
    }
}

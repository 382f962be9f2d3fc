package io.channelhub.app.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.app.media.S3MediaStore;
import io.channelhub.app.support.PostgresCondition;
import io.channelhub.app.support.S3Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The WhatsApp connector end to end on the shared parts of the production shape: PostgreSQL (127.0.0.1:5432,
 * database test, a fresh schema per run) and media in an S3-compatible object store (s3proxy as a process), so an
 * image a contact sends is fetched into the bucket, served from it and erased from it with the contact.
 */
@ExtendWith(PostgresCondition.class)
class WhatsAppEndToEndPostgresTest extends WhatsAppEndToEndTest {
    static S3Server s3;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        postgres(registry);
        try {
            s3 = new S3Server(Files.createTempDirectory("hub-s3-")).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        s3.hubProperties("whatsapp-media").forEach((k, v) -> registry.add(k, () -> v));
    }

    @AfterAll
    static void stopS3() throws InterruptedException {
        if (s3 != null) {
            s3.close();
        }
    }

    @BeforeEach
    void mediaLiveInTheObjectStore() {
        assertThat(mediaStore).isInstanceOf(S3MediaStore.class);
    }
}

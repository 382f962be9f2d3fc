package io.channelhub.app.media;

import io.channelhub.app.HubProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Media as objects {@code <tenant>/<id>} in an S3-compatible store that every hub instance shares: a media URL
 * handed out by one instance is served by any other, and erasure on one removes it for all. The provider's
 * stream is first bounded and hashed into a local temporary file, which gives the upload its length (S3 wants it
 * before the body) and never leaves a partial object under an id.
 */
@Component
@ConditionalOnProperty(name = "hub.media.store", havingValue = "s3")
public class S3MediaStore implements MediaStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3MediaStore.class);
    private final S3Client s3;
    private final String bucket;
    private final Path uploads;

    public S3MediaStore(HubProperties hub) throws IOException {
        HubProperties.S3 config = hub.media().s3();
        this.bucket = config.bucket();
        this.uploads = Files.createDirectories(hub.dataDir().resolve("media-uploads"));
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(config.region()))
                .credentialsProvider(credentials(config))
                .forcePathStyle(config.pathStyle())
                // S3-compatible stores (MinIO's older releases, s3proxy) refuse the SDK's default trailing checksums
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (!config.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(config.endpoint()));
        }
        this.s3 = builder.build();
        ensureBucket();
    }

    @Override
    public StoredMedia put(String tenantId, InputStream content, long maxBytes) throws IOException {
        String id = UUID.randomUUID().toString();
        String key = key(tenantId, id);
        Path tmp = Files.createTempFile(uploads, id, ".part");
        try {
            StoredMedia stored = BoundedCopy.toFile(id, content, tmp, maxBytes);
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(tmp));
            return stored;
        } catch (SdkException e) {
            throw new IOException("object store refused the upload: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public Optional<InputStream> open(String tenantId, String id) throws IOException {
        if (!MediaIds.safeId(id)) {
            return Optional.empty();
        }
        try {
            return Optional.of(s3.getObject(b -> b.bucket(bucket).key(key(tenantId, id))));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new IOException("object store unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String tenantId, String id) throws IOException {
        if (!MediaIds.safeId(id)) {
            return;
        }
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key(tenantId, id)));
        } catch (SdkException e) {
            throw new IOException("object store refused the deletion: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    private static String key(String tenantId, String id) {
        return MediaIds.checkedTenant(tenantId) + '/' + id;
    }

    /**
     * Creates the bucket on first use (a fresh MinIO); a store that cannot be reached now is not a reason to refuse
     * to start, since media downloads are retried.
     */
    private void ensureBucket() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            try {
                s3.createBucket(b -> b.bucket(bucket));
                LOG.info("Created media bucket {}", bucket);
            } catch (BucketAlreadyOwnedByYouException createdByAnotherInstance) {
                // instances starting together race to create it (ScaleOutIT found this): one wins, all use it
                LOG.info("Media bucket {} created by another instance", bucket);
            }
        } catch (SdkException e) {
            LOG.warn("Media bucket {} not reachable at start: {}", bucket, e.getMessage());
        }
    }

    private static AwsCredentialsProvider credentials(HubProperties.S3 config) {
        return config.accessKeyId().isBlank() ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(config.accessKeyId(), config.secretAccessKey()));
    }
}

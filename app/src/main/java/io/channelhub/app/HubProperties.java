package io.channelhub.app;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The hub's own settings ({@code hub.*}). Provider base URLs and API versions live under
 * {@code hub.channels.<channel>.*} and are handed to each connector as its environment.
 *
 * @param dataDir       where the embedded broker journal, the H2 file, the dev key and media live
 * @param publicBaseUrl the URL providers and the core platform reach the hub at (behind a proxy);
 *                      when empty, the request's own URL is used
 * @param masterKey     base64 AES-256 key for secrets at rest; when empty a dev key file is generated
 * @param requireMasterKey refuse to start without {@code masterKey} (the production profile sets it) instead of
 *                      generating a dev key
 * @param capabilityTtl how long a provider's answer on what a contact can get (RBM capabilities) is kept
 */
@Validated
@ConfigurationProperties("hub")
public record HubProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("") String publicBaseUrl,
        @DefaultValue("") String masterKey,
        @DefaultValue("false") boolean requireMasterKey,
        @DefaultValue("1MB") DataSize maxWebhookBody,
        @DefaultValue("1MB") DataSize maxApiBody,
        @DefaultValue("24h") Duration idempotencyTtl,
        /** How long the audit trail keeps what ops changed on the hub itself (API tokens); tenants' entries follow each tenant's retention. */
        @DefaultValue("548d") Duration auditRetention,
        @Valid @DefaultValue Breaker breaker,
        @Valid @DefaultValue Media media,
        @Valid @DefaultValue Security security,
        @Valid @DefaultValue Database database,
        @Valid @DefaultValue Polling polling,
        @DefaultValue("1h") Duration capabilityTtl,
        Map<String, Map<String, String>> channels) {

    public HubProperties {
        channels = channels == null ? Map.of() : channels;
    }

    /**
     * Polling channels (email). An item the provider will not give is tried at {@code itemAttempts}
     * polls before it is set aside; its failures are remembered for {@code failureMemory} (a restart
     * forgets them, which costs a few more tries, never a mail).
     */
    public record Polling(
            @Min(1) @DefaultValue("3") int itemAttempts,
            @DefaultValue("24h") Duration failureMemory) {
    }

    /** Circuit breaker per (tenant, channel), Resilience4j. */
    public record Breaker(
            @DecimalMin("1") @DecimalMax("100") @DefaultValue("50") float failureRateThreshold,
            @Min(1) @DefaultValue("20") int slidingWindowSize,
            @Min(1) @DefaultValue("5") int minimumNumberOfCalls,
            @DefaultValue("30s") Duration waitInOpenState,
            @Min(1) @DefaultValue("2") int permittedCallsInHalfOpenState,
            @Min(1) @DefaultValue("100") int defaultRatePerSecond) {
    }

    /** How the hub writes to its database. */
    public record Database(@Valid @DefaultValue SharedCommits groupCommit) {
    }

    /**
     * Submissions and status changes share commits: {@code writers} threads each commit up to
     * {@code maxBatch} callers' work at once.
     */
    public record SharedCommits(@Min(1) @DefaultValue("2") int writers, @Min(1) @DefaultValue("64") int maxBatch) {
    }

    /**
     * Inbound media fetched from providers into hub storage: files under the data directory ({@code file}, the
     * embedded default, one instance) or an S3-compatible object store every instance shares ({@code s3}).
     */
    public record Media(@DefaultValue("100MB") DataSize maxBytes, @DefaultValue("file") Store store,
                        @Valid @DefaultValue S3 s3) {
        public enum Store { FILE, S3 }
    }

    /**
     * The object store for {@code hub.media.store=s3}. Credentials left empty are taken from the AWS SDK's
     * default chain (environment, profile, instance role).
     *
     * @param endpoint  the store's URL, e.g. MinIO's; empty for AWS S3 itself
     * @param pathStyle bucket in the path rather than the host name, as MinIO and most S3-compatible stores want
     */
    public record S3(@DefaultValue("") String endpoint, @DefaultValue("us-east-1") String region,
                     @DefaultValue("channel-hub-media") String bucket, @DefaultValue("") String accessKeyId,
                     @DefaultValue("") String secretAccessKey, @DefaultValue("true") boolean pathStyle) {
        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", accessKeyId="
                    + accessKeyId + ", secretAccessKey=***, pathStyle=" + pathStyle + "]";
        }
    }

    /**
     * API tokens configured up front (synced at every start); when none exist at all, one per role is generated
     * and logged once.
     *
     * @param tokenCacheTtl how long an instance trusts its cached answer for a token: a token revoked or rotated
     *                      on another instance is refused here within this bound
     */
    public record Security(List<ConfiguredToken> tokens, @DefaultValue("true") boolean generateOnFirstStart,
                           @DefaultValue("5s") Duration tokenCacheTtl) {
        public Security {
            tokens = tokens == null ? List.of() : tokens;
        }
    }

    /** A token given in configuration (e.g. from a secret store), stored hashed at start. */
    public record ConfiguredToken(String name, String role, String tenantId, String token) {
        @Override
        public String toString() {
            return "ConfiguredToken[name=" + name + ", role=" + role + ", tenantId=" + tenantId + ", token=***]";
        }
    }
}

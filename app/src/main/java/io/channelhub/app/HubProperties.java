package io.channelhub.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The hub's own settings ({@code hub.*}). Provider base URLs and API versions live under
 * {@code hub.channels.<channel>.*} and are handed to each connector as its environment.
 *
 * @param dataDir       where the embedded broker journal, the H2 file, the dev key and media live
 * @param publicBaseUrl the URL providers and the core platform reach the hub at (behind a proxy);
 *                      when empty, the request's own URL is used
 * @param masterKey     base64 AES-256 key for secrets at rest; when empty a dev key file is generated
 * @param capabilityTtl how long a provider's answer on what a contact can get (RBM capabilities) is kept
 */
@ConfigurationProperties("hub")
public record HubProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("") String publicBaseUrl,
        @DefaultValue("") String masterKey,
        @DefaultValue("1MB") DataSize maxWebhookBody,
        @DefaultValue("1MB") DataSize maxApiBody,
        @DefaultValue("24h") Duration idempotencyTtl,
        @DefaultValue Retry retry,
        @DefaultValue Breaker breaker,
        @DefaultValue Media media,
        @DefaultValue Security security,
        @DefaultValue Database database,
        @DefaultValue Polling polling,
        @DefaultValue("1h") Duration capabilityTtl,
        Map<String, Map<String, String>> channels) {

    public HubProperties {
        channels = channels == null ? Map.of() : channels;
    }

    /**
     * Provider retries: exponential backoff between attempts, at most {@code maxAttempts} calls.
     * Waiting behind an open circuit or a rate limit spends no attempt; {@code maxWait} bounds how long a
     * message may wait behind an open circuit in all.
     */
    public record Retry(
            @DefaultValue("5") int maxAttempts,
            @DefaultValue("1s") Duration initialDelay,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("5m") Duration maxDelay,
            @DefaultValue("5s") Duration circuitOpenDelay,
            @DefaultValue("500ms") Duration orderingDelay,
            @DefaultValue("5") int statusMatchAttempts,
            @DefaultValue("24h") Duration maxWait) {

        public Duration delayAfter(int attempt) {
            double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
            return Duration.ofMillis((long) Math.min(millis, maxDelay.toMillis()));
        }
    }

    /**
     * Polling channels (email). An item the provider will not give is tried at {@code itemAttempts}
     * polls before it is set aside; its failures are remembered for {@code failureMemory} (a restart
     * forgets them, which costs a few more tries, never a mail).
     */
    public record Polling(
            @DefaultValue("3") int itemAttempts,
            @DefaultValue("24h") Duration failureMemory) {
    }

    /** Circuit breaker per (tenant, channel), Resilience4j. */
    public record Breaker(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("20") int slidingWindowSize,
            @DefaultValue("5") int minimumNumberOfCalls,
            @DefaultValue("30s") Duration waitInOpenState,
            @DefaultValue("2") int permittedCallsInHalfOpenState,
            @DefaultValue("100") int defaultRatePerSecond) {
    }

    /** How the hub writes to its database. */
    public record Database(@DefaultValue SharedCommits groupCommit) {
    }

    /**
     * Submissions and status changes share commits: {@code writers} threads each commit up to
     * {@code maxBatch} callers' work at once.
     */
    public record SharedCommits(@DefaultValue("2") int writers, @DefaultValue("64") int maxBatch) {
    }

    /** Inbound media fetched from providers into hub storage. */
    public record Media(@DefaultValue("100MB") DataSize maxBytes) {
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

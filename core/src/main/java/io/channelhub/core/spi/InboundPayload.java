package io.channelhub.core.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A raw inbound item as it was durably queued: a webhook body with the headers the connector asked to
 * keep, or one item a poller fetched (an RFC 822 message for email).
 */
public record InboundPayload(
        String tenantId, String channel, byte[] body, Map<String, String> headers, Instant receivedAt) {

    /**
     * Set by the hub when a platform-wide payload carried several provider accounts: the one account
     * whose events this copy is for (see {@link WebhookVerifier#accountIds}).
     */
    public static final String ACCOUNT_HEADER = "X-Hub-Account";

    public InboundPayload {
        TreeMap<String, String> folded = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            folded.putAll(headers);
        }
        headers = java.util.Collections.unmodifiableMap(folded);
        body = body == null ? new byte[0] : body;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }
}

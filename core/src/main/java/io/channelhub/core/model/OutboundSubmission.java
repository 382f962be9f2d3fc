package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the core platform submits (CONTRACT §4 body; on {@code hub.outbound} with {@code tenantId}).
 * {@code from} is optional and only honoured where the channel allows a choice of sender (it never
 * does today: email refuses any sender but the tenant's configured address).
 *
 * @param sentBy who wrote it (CONTRACT §7); null means {@code bot}
 * @param tag    a channel's message tag for a non-promotional update outside the service window
 * @param expireAt when an undelivered message stops mattering (at most 15 days ahead), or null
 * @param fallback the further attempts, in order, on other channels (empty: none)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutboundSubmission(
        String tenantId,
        String channel,
        Party from,
        Party to,
        Content content,
        Category category,
        String replyTo,
        Map<String, Object> metadata,
        SentBy sentBy,
        String tag,
        Instant expireAt,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FallbackAttempt> fallback) {

    public OutboundSubmission {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        fallback = fallback == null ? List.of() : List.copyOf(fallback);
    }

    public SentBy sentByOrDefault() {
        return sentBy == null ? SentBy.BOT : sentBy;
    }

    public Category categoryOrDefault() {
        return category == null ? Category.CONVERSATIONAL : category;
    }

    public OutboundSubmission withTenant(String tenant) {
        return new OutboundSubmission(tenant, channel, from, to, content, category, replyTo, metadata, sentBy, tag, expireAt,
                fallback);
    }

    public OutboundSubmission withTo(Party recipient) {
        return new OutboundSubmission(tenantId, channel, from, recipient, content, category, replyTo, metadata, sentBy,
                tag, expireAt, fallback);
    }

    public OutboundSubmission withFallback(List<FallbackAttempt> chain) {
        return new OutboundSubmission(tenantId, channel, from, to, content, category, replyTo, metadata, sentBy, tag,
                expireAt, chain);
    }
}

package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * Something a contact did that is neither a chat message nor a status of a sent message, as published on
 * {@code hub.events} (CONTRACT §7): {@code message_deleted} (the contact unsent a message), {@code consent_changed}
 * (a notification opt-in, a blocked bot, an RBM unsubscribe), {@code standby} (the contact wrote in a thread
 * another app owns).
 *
 * @param messageId         the hub id of the message the event is about (the one unsent), when the hub has it
 * @param providerMessageId the provider's id of that message, or null
 * @param consent           {@code opted_in} or {@code opted_out} for a consent change, else null
 * @param consentScope      {@code all} or {@code marketing} for a consent change, else null
 * @param details           what else the provider said
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContactEventNotice(String type, String id, String tenantId, String channel, String conversationId,
                                 String contact, String providerEventId, String messageId, String providerMessageId,
                                 String consent, String consentScope, Map<String, Object> details, Instant timestamp) {
}

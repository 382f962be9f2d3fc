package io.channelhub.core.spi;

import io.channelhub.core.model.Content;
import io.channelhub.core.model.EmailHeaders;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.Party;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A consumer's message, normalized. The hub adds the id, tenant, channel and conversation id.
 *
 * @param contactKey        the stable key of the consumer the conversation is derived from; usually
 *                          {@code from.address}, but e.g. WhatsApp's business-scoped user id when the
 *                          phone number may be absent
 * @param replyTo           provider id of the message this one answers, if any
 * @param mediaSources      for each {@link MediaContent} without a url, in order (content first, then
 *                          attachments), where to fetch it from
 * @param metadata          channel facts worth passing on (ad referral, auto-reply), may be empty
 * @param echo              a message the business sent from outside the hub, which the provider echoes
 *                          (Meta's {@code is_echo}): {@code from} is the business, {@code to} and
 *                          {@code contactKey} the contact. The hub records and publishes it as an outbound
 *                          message of the conversation, unless it is the echo of the hub's own send: a
 *                          connector that sends the hub message id along (Meta's {@code metadata}) puts it
 *                          back in {@code metadata} under {@link #ECHO_OF_HUB_MESSAGE}
 */
public record InboundMessage(
        Party from,
        Party to,
        String contactKey,
        String providerMessageId,
        Instant timestamp,
        Content content,
        String replyTo,
        List<MediaContent> attachments,
        EmailHeaders headers,
        List<MediaSource> mediaSources,
        Map<String, Object> metadata,
        boolean echo) implements InboundEvent {

    /** Metadata key of an echo: the hub message id the echoed message was sent for. */
    public static final String ECHO_OF_HUB_MESSAGE = "echoOfHubMessage";

    public InboundMessage {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        mediaSources = mediaSources == null ? List.of() : List.copyOf(mediaSources);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        if (contactKey == null && from != null) {
            contactKey = from.address();
        }
    }

    /** A message the consumer sent. */
    public InboundMessage(Party from, Party to, String contactKey, String providerMessageId, Instant timestamp,
                          Content content, String replyTo, List<MediaContent> attachments, EmailHeaders headers,
                          List<MediaSource> mediaSources, Map<String, Object> metadata) {
        this(from, to, contactKey, providerMessageId, timestamp, content, replyTo, attachments, headers, mediaSources,
                metadata, false);
    }

    /** The common case: a message with content only. */
    public static InboundMessage of(Party from, Party to, String providerMessageId, Instant timestamp,
                                    io.channelhub.core.model.Content content) {
        return new InboundMessage(from, to, null, providerMessageId, timestamp, content, null, null, null, null, null);
    }
}

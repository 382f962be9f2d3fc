package io.channelhub.connector.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.connector.meta.MetaWebhookBatch;
import io.channelhub.connector.whatsapp.WhatsAppContentMapper.MappedContent;
import io.channelhub.connector.whatsapp.model.MessagesChange;
import io.channelhub.connector.whatsapp.model.WebhookContact;
import io.channelhub.connector.meta.WebhookText;
import io.channelhub.connector.whatsapp.model.WhatsAppWebhookPayload;
import io.channelhub.core.error.MalformedPayloadException;
import io.channelhub.core.model.Party;
import io.channelhub.core.spi.InboundEvent;
import io.channelhub.core.spi.InboundMessage;
import io.channelhub.core.spi.InboundNormalizer;
import io.channelhub.core.spi.InboundPayload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a WhatsApp Cloud API webhook into canonical events: every message and every status of every
 * change of every entry. Contacts are keyed on the business-scoped user id (BSUID) when Meta gives one,
 * so a user who hides their phone number behind a username keeps one stable conversation.
 */
public final class WhatsAppInboundNormalizer implements InboundNormalizer {

    @Override
    public List<InboundEvent> normalize(InboundPayload payload) throws MalformedPayloadException {
        List<InboundEvent> events = new ArrayList<>();
        for (MessagesChange change : WhatsAppWebhookPayload.messagesChanges(payload.body())) {
            if (!MetaWebhookBatch.isForThisCopy(payload, change.phoneNumberId())) {
                continue; // another tenant's number in a platform-wide batch: queued for that tenant
            }
            Party business = businessParty(change.displayPhoneNumber());
            for (JsonNode message : change.messages()) {
                events.add(toInboundMessage(change, business, message, payload));
            }
            for (JsonNode status : change.statuses()) {
                WhatsAppStatusMapper.map(status, payload.receivedAt()).ifPresent(events::add);
            }
        }
        return events;
    }

    private static InboundMessage toInboundMessage(MessagesChange change, Party business, JsonNode message,
                                                   InboundPayload payload) {
        String messageId = WebhookText.of(message, "id");
        if (messageId == null) {
            throw new MalformedPayloadException("whatsapp webhook message without id");
        }
        WhatsAppUserIdentity user = WhatsAppUserIdentity.of(message, change.contacts());
        if (user == null) {
            throw new MalformedPayloadException("whatsapp webhook message " + messageId + " names no sender");
        }
        MappedContent mapped = WhatsAppContentMapper.map(message);
        Map<String, Object> metadata = new LinkedHashMap<>(mapped.metadata());
        if (user.bsuid() != null) {
            metadata.put("bsuid", user.bsuid());
        }
        if (user.username() != null) {
            metadata.put("username", user.username());
        }
        return new InboundMessage(
                new Party(user.address(), user.name()),
                business,
                user.contactKey(),
                messageId,
                WhatsAppTimestamps.parse(WebhookText.of(message, "timestamp"), payload.receivedAt()),
                mapped.content(),
                WebhookText.of(message.path("context"), "id"),
                null,
                null,
                mapped.mediaSources(),
                metadata);
    }

    /** The business number as E.164; Meta sends it as digits, sometimes formatted. */
    private static Party businessParty(String displayPhoneNumber) {
        if (displayPhoneNumber == null) {
            return null;
        }
        String digits = displayPhoneNumber.replaceAll("\\D", "");
        return digits.isEmpty() ? null : new Party("+" + digits, null);
    }

    /**
     * Who sent a message. {@code from} is the phone number (wa_id) when Meta shares it; {@code from_user_id}
     * and {@code contacts[].user_id} carry the BSUID (format {@code CC.<alphanumerics>}).
     */
    record WhatsAppUserIdentity(String phone, String bsuid, String name, String username) {

        static WhatsAppUserIdentity of(JsonNode message, List<WebhookContact> contacts) {
            String from = WebhookText.of(message, "from");
            String fromUserId = WebhookText.of(message, "from_user_id");
            WebhookContact contact = matchingContact(contacts, from, fromUserId);
            String phone = WhatsAppAddresses.isPhoneNumber(from) ? from
                    : contact != null && WhatsAppAddresses.isPhoneNumber(contact.waId()) ? contact.waId() : null;
            String bsuid = fromUserId != null ? fromUserId
                    : contact != null && contact.userId() != null ? contact.userId()
                    : WhatsAppAddresses.isBsuid(from) ? from : null;
            if (phone == null && bsuid == null) {
                return null;
            }
            return new WhatsAppUserIdentity(phone == null ? null : WhatsAppAddresses.toE164(phone), bsuid,
                    contact == null ? null : contact.profileName(), contact == null ? null : contact.username());
        }

        private static WebhookContact matchingContact(List<WebhookContact> contacts, String from, String userId) {
            for (WebhookContact c : contacts) {
                if (from != null && (from.equals(c.waId()) || from.equals(c.userId()))
                        || userId != null && userId.equals(c.userId())) {
                    return c;
                }
            }
            // Meta sends one contact per single-user change; use it when ids do not line up exactly.
            return contacts.size() == 1 ? contacts.get(0) : null;
        }

        /** The phone number when Meta shares it, else the BSUID. */
        String address() {
            return phone != null ? phone : bsuid;
        }

        /** The BSUID when present: it survives the user hiding their number, the phone does not. */
        String contactKey() {
            return bsuid != null ? bsuid : phone;
        }
    }
}

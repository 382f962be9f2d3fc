package io.channelhub.connector.sms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.connector.sms.model.TwilioAddress;
import io.channelhub.connector.sms.model.TwilioForm;
import io.channelhub.connector.sms.model.TwilioInboundMessage;
import io.channelhub.connector.sms.model.TwilioLocation;
import io.channelhub.connector.sms.model.TwilioMedia;
import io.channelhub.connector.sms.model.TwilioStatusCallback;
import io.channelhub.core.error.MalformedPayloadException;
import io.channelhub.core.model.ChoiceResponseContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.LocationContent;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.model.UnsupportedContent;
import io.channelhub.core.spi.InboundEvent;
import io.channelhub.core.spi.InboundMessage;
import io.channelhub.core.spi.InboundNormalizer;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.MediaSource;
import io.channelhub.core.spi.StatusUpdate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a Twilio webhook (form-encoded) into canonical events: an incoming SMS/MMS becomes an
 * {@link InboundMessage}, a status callback a {@link StatusUpdate}.
 *
 * <p>WhatsApp through Twilio: addresses come as {@code whatsapp:+31…}; the canonical message carries the
 * E.164 number (the contract's address for channel {@code sms}, so the contact's SMS and WhatsApp
 * messages share one conversation) and keeps the channel in its metadata as
 * {@value #TWILIO_CHANNEL}{@code : "whatsapp"}. A shared location becomes {@code location} content, a
 * tapped button or list item {@code choice_response}.
 *
 * <p>MMS: the first media item is the content, with the message text as its caption; further items go
 * to {@code attachments} (the canonical model names attachments for email, but dropping a consumer's
 * second photo would be worse). Their media are fetched later from {@code MediaUrlN}.
 *
 * <p>Status callbacks are matched by {@code MessageSid}. The hub's id travels in the callback URL's
 * {@code hubMessageId} query parameter, which the payload does not carry; when the hub's intake copies
 * it into the {@value #HUB_MESSAGE_ID_HEADER} header of the payload, it is used too.
 */
final class SmsInboundNormalizer implements InboundNormalizer {
    static final String HUB_MESSAGE_ID_HEADER = "X-Hub-Message-Id";
    static final String TWILIO_CHANNEL = "twilioChannel";

    private final Clock clock;

    SmsInboundNormalizer(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<InboundEvent> normalize(InboundPayload payload) {
        TwilioForm form;
        try {
            form = TwilioForm.parse(payload.body(), payload.header("Content-Type").orElse(null));
        } catch (IllegalArgumentException e) {
            throw new MalformedPayloadException("not a Twilio webhook: " + e.getMessage());
        }
        String messageSid = form.text("MessageSid").or(() -> form.text("SmsMessageSid"))
                .or(() -> form.text("SmsSid"))
                .orElseThrow(() -> new MalformedPayloadException("not a Twilio messaging webhook: no MessageSid"));
        Instant receivedAt = payload.receivedAt() != null ? payload.receivedAt() : clock.instant();

        Optional<String> status = TwilioStatusCallback.statusOf(form);
        if (status.isPresent()) {
            return statusUpdate(TwilioStatusCallback.of(form, messageSid, status.get()), payload, receivedAt);
        }
        return List.of(message(form, messageSid, receivedAt));
    }

    private static List<InboundEvent> statusUpdate(TwilioStatusCallback callback, InboundPayload payload,
                                                   Instant receivedAt) {
        // Twilio's callbacks carry no timestamp of the status change: the arrival time stands in.
        return SmsDeliveryStatuses.of(callback.status())
                .<List<InboundEvent>>map(status -> List.of(new StatusUpdate(
                        callback.messageSid(),
                        payload.header(HUB_MESSAGE_ID_HEADER).filter(id -> !id.isBlank()).orElse(null),
                        status,
                        status == DeliveryStatus.FAILED
                                ? SmsDeliveryStatuses.failure(callback.status(), callback.errorCode(),
                                        callback.errorMessage())
                                : null,
                        receivedAt)))
                .orElse(List.of());
    }

    private static InboundMessage message(TwilioForm form, String messageSid, Instant receivedAt) {
        TwilioInboundMessage incoming = TwilioInboundMessage.of(form, messageSid);
        if (incoming.from() == null || incoming.from().address().isEmpty()) {
            throw new MalformedPayloadException("Twilio message " + messageSid + " has no From");
        }
        List<MediaContent> media = new ArrayList<>();
        List<MediaSource> sources = new ArrayList<>();
        for (TwilioMedia item : incoming.media()) {
            media.add(new MediaContent(MediaKind.ofMimeType(item.contentType()), null, item.contentType(), null, null, null));
            sources.add(new MediaSource(item.url(), item.contentType(), null));
        }
        Content content;
        List<MediaContent> attachments = List.of();
        if (!media.isEmpty()) {
            MediaContent first = media.get(0);
            String caption = incoming.body() == null || incoming.body().isBlank() ? null : incoming.body();
            content = new MediaContent(first.mediaType(), null, first.mimeType(), null, caption, null);
            attachments = media.subList(1, media.size());
        } else if (incoming.location() != null) {
            TwilioLocation at = incoming.location();
            content = new LocationContent(at.latitude(), at.longitude(), at.label(), at.address());
        } else if (incoming.reply() != null) {
            content = new ChoiceResponseContent(incoming.reply().id(), incoming.reply().title());
        } else if (TwilioInboundMessage.hasContent(form)) {
            content = TextContent.of(incoming.body() == null ? "" : incoming.body());
        } else {
            content = new UnsupportedContent("twilio-message", raw(form));
        }
        return new InboundMessage(new Party(incoming.from().address(), incoming.profileName()),
                incoming.to() == null ? null : new Party(incoming.to().address(), null),
                null, messageSid, receivedAt, content, null, attachments, null, sources, metadata(incoming));
    }

    private static Map<String, Object> metadata(TwilioInboundMessage incoming) {
        Map<String, Object> metadata = new HashMap<>();
        if (incoming.optOutType() != null) {
            metadata.put("optOutType", incoming.optOutType());
        }
        TwilioAddress from = incoming.from();
        if (from.channel() != null) {
            metadata.put(TWILIO_CHANNEL, from.channel());
        }
        return metadata;
    }

    private static ObjectNode raw(TwilioForm form) {
        ObjectNode raw = HubJson.mapper().createObjectNode();
        form.firstValues().forEach(raw::put);
        return raw;
    }
}

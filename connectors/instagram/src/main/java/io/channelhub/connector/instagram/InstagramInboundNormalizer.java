package io.channelhub.connector.instagram;

import io.channelhub.connector.instagram.model.InstagramWebhookPayload;
import io.channelhub.connector.meta.MessagingEvent;
import io.channelhub.connector.meta.MetaWebhookBatch;
import io.channelhub.core.error.MalformedPayloadException;
import io.channelhub.core.spi.InboundEvent;
import io.channelhub.core.spi.InboundNormalizer;
import io.channelhub.core.spi.InboundPayload;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an Instagram webhook into canonical events: every messaging and standby event of every entry. The seen
 * event becomes a read watermark; everything else an inbound message (see {@link InstagramEventMapper}), so
 * nothing Meta documents is dropped.
 */
public final class InstagramInboundNormalizer implements InboundNormalizer {

    @Override
    public List<InboundEvent> normalize(InboundPayload payload) throws MalformedPayloadException {
        List<InboundEvent> events = new ArrayList<>();
        for (MessagingEvent event : InstagramWebhookPayload.events(payload.body())) {
            if (!MetaWebhookBatch.isForThisCopy(payload, event.accountId())) {
                continue; // another tenant's account in a platform-wide batch: queued for that tenant
            }
            if (event.accountId() == null) {
                throw new MalformedPayloadException("instagram webhook entry without an account id");
            }
            events.add(map(event, payload));
        }
        return events;
    }

    private static InboundEvent map(MessagingEvent event, InboundPayload payload) {
        if (event.standby()) {
            return event.asStandby(payload.receivedAt());
        }
        return switch (event.kind()) {
            case "message" -> InstagramEventMapper.message(event, payload.receivedAt());
            case "reaction" -> InstagramEventMapper.reaction(event, payload.receivedAt());
            case "postback" -> InstagramEventMapper.postback(event, payload.receivedAt());
            case "read" -> InstagramEventMapper.seen(event, payload.receivedAt());
            default -> InstagramEventMapper.otherEvent(event, payload.receivedAt());
        };
    }
}

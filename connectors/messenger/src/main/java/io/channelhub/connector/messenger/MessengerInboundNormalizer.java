package io.channelhub.connector.messenger;

import io.channelhub.connector.messenger.model.MessengerWebhookPayload;
import io.channelhub.connector.meta.MessagingEvent;
import io.channelhub.connector.meta.MetaWebhookBatch;
import io.channelhub.core.error.MalformedPayloadException;
import io.channelhub.core.spi.InboundEvent;
import io.channelhub.core.spi.InboundNormalizer;
import io.channelhub.core.spi.InboundPayload;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a Page webhook into canonical events: every messaging and standby event of every entry. Statuses
 * become status updates; everything else an inbound message (see {@link MessengerEventMapper}), so nothing
 * Meta documents is dropped.
 */
public final class MessengerInboundNormalizer implements InboundNormalizer {

    @Override
    public List<InboundEvent> normalize(InboundPayload payload) throws MalformedPayloadException {
        List<InboundEvent> events = new ArrayList<>();
        for (MessagingEvent event : MessengerWebhookPayload.events(payload.body())) {
            if (!MetaWebhookBatch.isForThisCopy(payload, event.accountId())) {
                continue; // another tenant's Page in a platform-wide batch: queued for that tenant
            }
            if (event.accountId() == null) {
                throw new MalformedPayloadException("messenger webhook entry without a Page id");
            }
            if (event.standby()) {
                events.add(event.asStandby(payload.receivedAt()));
                continue;
            }
            switch (event.kind()) {
                case "delivery", "read" -> events.addAll(MessengerStatusMapper.map(event, payload.receivedAt()));
                case "message" -> events.add(MessengerEventMapper.message(event, payload.receivedAt()));
                case "message_edit" -> events.add(MessengerEventMapper.edit(event, payload.receivedAt()));
                case "reaction" -> events.add(MessengerEventMapper.reaction(event, payload.receivedAt()));
                case "postback" -> events.add(MessengerEventMapper.postback(event, payload.receivedAt()));
                case "optin" -> events.add(MessengerEventMapper.optin(event, payload.receivedAt()));
                default -> events.add(MessengerEventMapper.otherEvent(event, payload.receivedAt()));
            }
        }
        return events;
    }
}

package io.channelhub.connector.sms;

import com.twilio.exception.TwilioException;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.OutboundMessage;
import io.channelhub.core.spi.OutboundSender;
import io.channelhub.core.spi.SendResult;
import io.channelhub.core.spi.TenantConnector;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.core.spi.ProviderCall;
import java.util.List;

/**
 * Sends one SMS or MMS through the tenant's own Twilio account ({@code POST /2010-04-01/Accounts/
 * {AccountSid}/Messages.json}) with exactly one HTTP attempt, and reports the segments it is billed as.
 * The status callback is the hub's URL for this message, so Twilio's reports come back to the hub.
 */
final class SmsOutboundSender implements OutboundSender {
    private final TwilioClients clients;

    SmsOutboundSender(TwilioClients clients) {
        this.clients = clients;
    }

    @Override
    public SendResult send(OutboundMessage message, TenantConnector connector) {
        SmsSettings settings;
        SmsCredentials credentials;
        try {
            settings = SmsSettings.of(connector);
        } catch (IllegalStateException e) {
            throw new PermanentChannelException(ReasonCodes.CONNECTOR_DISABLED, null, e.getMessage());
        }
        try {
            credentials = SmsCredentials.of(connector);
        } catch (IllegalStateException e) {
            throw PermanentChannelException.credentials(null, e.getMessage());
        }
        if (message.to() == null || message.to().address() == null || message.to().address().isBlank()) {
            throw new PermanentChannelException(ReasonCodes.INVALID_ADDRESS, null,
                    "message " + message.id() + " has no recipient");
        }
        checkSender(message, settings);
        SmsOutboundContent content = SmsOutboundContent.of(message.content());
        MessageCreator creator = creator(message, settings, content);
        Message sent;
        try {
            sent = creator.create(clients.forTenant(connector.tenantId(), credentials));
        } catch (TwilioException e) {
            throw SmsErrorClassifier.classify(e, credentials, "Twilio refused message " + message.id());
        }
        if (sent == null || sent.getSid() == null) {
            throw TransientChannelException.unavailable("Twilio accepted message " + message.id()
                    + " without returning its sid", null);
        }
        return new SendResult(sent.getSid(), content.billableUnits());
    }

    private static MessageCreator creator(OutboundMessage message, SmsSettings settings, SmsOutboundContent content) {
        PhoneNumber to = new PhoneNumber(message.to().address());
        MessageCreator creator;
        if (settings.messagingServiceSid() != null) {
            creator = content.isMms()
                    ? Message.creator(to, settings.messagingServiceSid(), content.mediaUrls())
                    : Message.creator(to, settings.messagingServiceSid(), content.body());
            if (settings.fromNumber() != null) {
                creator.setFrom(new PhoneNumber(settings.fromNumber()));
            }
        } else {
            PhoneNumber from = new PhoneNumber(settings.fromNumber());
            creator = content.isMms()
                    ? Message.creator(to, from, content.mediaUrls())
                    : Message.creator(to, from, content.body());
        }
        if (content.isMms() && content.body() != null) {
            creator.setBody(content.body());
        }
        if (message.statusCallbackUrl() != null && !message.statusCallbackUrl().isBlank()) {
            creator.setStatusCallback(message.statusCallbackUrl());
        }
        return creator;
    }

    /** SMS goes out from the tenant's configured sender only (CONTRACT §6). */
    private static void checkSender(OutboundMessage message, SmsSettings settings) {
        if (message.from() == null || message.from().address() == null) {
            return;
        }
        if (!message.from().address().equals(settings.fromNumber())) {
            throw new PermanentChannelException(ReasonCodes.SENDER_NOT_ALLOWED, null,
                    "message " + message.id() + " asks for a sender that is not the tenant's configured fromNumber");
        }
    }

    /** The form parameters {@link #creator} sets, by Twilio's names; the sender's own values stay placeholders. */
    @Override
    public List<ProviderCall> outline(OutboundMessage message, TenantConnector connector) {
        SmsSettings settings = SmsSettings.of(connector);
        SmsOutboundContent content = SmsOutboundContent.of(message.content());
        ObjectNode form = JsonNodeFactory.instance.objectNode();
        form.put("To", message.to() == null ? null : message.to().address());
        if (settings.messagingServiceSid() != null) {
            form.put("MessagingServiceSid", "{messaging-service-sid}");
        }
        if (settings.fromNumber() != null) {
            form.put("From", "{from-number}");
        }
        if (content.body() != null) {
            form.put("Body", content.body());
        }
        content.mediaUrls().forEach(url -> form.withArray("MediaUrl").add(url.toString()));
        if (message.statusCallbackUrl() != null && !message.statusCallbackUrl().isBlank()) {
            form.put("StatusCallback", message.statusCallbackUrl());
        }
        return List.of(new ProviderCall("POST /2010-04-01/Accounts/{account-sid}/Messages.json", form));
    }
}

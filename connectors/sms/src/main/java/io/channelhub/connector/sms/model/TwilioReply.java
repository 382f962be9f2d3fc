package io.channelhub.connector.sms.model;

import java.util.Optional;

/**
 * A contact's tap on a button or list item of a WhatsApp message sent through Twilio: a quick-reply
 * button gives {@code ButtonPayload} (the id the business set) and {@code ButtonText} (its label); a
 * list-picker item gives {@code ListId} and {@code ListTitle}.
 * https://www.twilio.com/docs/messaging/guides/webhook-request, https://www.twilio.com/docs/content/twiliolist-picker
 */
public record TwilioReply(String id, String title) {

    public static Optional<TwilioReply> of(TwilioForm form) {
        Optional<String> buttonText = form.text("ButtonText");
        Optional<String> buttonPayload = form.text("ButtonPayload");
        if (buttonPayload.isPresent() || buttonText.isPresent()) {
            // A button without a payload is known only by its label, which then serves as its id too.
            return Optional.of(new TwilioReply(buttonPayload.or(() -> buttonText).get(), buttonText.orElse(null)));
        }
        return form.text("ListId").map(id -> new TwilioReply(id, form.text("ListTitle").orElse(null)));
    }
}

package io.channelhub.connector.sms.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Twilio's incoming-message webhook: a consumer's SMS or MMS to the tenant's number, or a WhatsApp
 * message to the tenant's WhatsApp sender on Twilio.
 * https://www.twilio.com/docs/messaging/guides/webhook-request
 *
 * @param from        {@code From}, null when absent
 * @param to          {@code To}, null when absent
 * @param profileName {@code ProfileName}: the contact's WhatsApp profile name
 * @param body        {@code Body}, null when absent (an MMS without text)
 * @param media       {@code MediaUrlN}/{@code MediaContentTypeN} for N below {@code NumMedia}
 * @param location    a shared WhatsApp location, or null
 * @param reply       a tapped WhatsApp button or list item, or null
 * @param optOutType  {@code OptOutType} (STOP, START, HELP) when the account uses Advanced Opt-Out
 */
public record TwilioInboundMessage(
        String messageSid, String accountSid, TwilioAddress from, TwilioAddress to, String profileName, String body,
        List<TwilioMedia> media, TwilioLocation location, TwilioReply reply, String optOutType) {

    public TwilioInboundMessage {
        media = List.copyOf(media);
    }

    /** True when the form carries a message's content ({@code Body} or {@code NumMedia}). */
    public static boolean hasContent(TwilioForm form) {
        return form.has("Body") || form.has("NumMedia");
    }

    public static TwilioInboundMessage of(TwilioForm form, String messageSid) {
        return new TwilioInboundMessage(
                messageSid,
                form.value("AccountSid").orElse(null),
                form.text("From").map(TwilioAddress::parse).filter(TwilioAddress::isPresent).orElse(null),
                form.text("To").map(TwilioAddress::parse).filter(TwilioAddress::isPresent).orElse(null),
                form.text("ProfileName").orElse(null),
                form.value("Body").orElse(null),
                media(form),
                TwilioLocation.of(form).orElse(null),
                TwilioReply.of(form).orElse(null),
                form.text("OptOutType").orElse(null));
    }

    private static List<TwilioMedia> media(TwilioForm form) {
        int announced = form.text("NumMedia").map(TwilioInboundMessage::parseCount).orElse(0);
        List<TwilioMedia> media = new ArrayList<>();
        // NumMedia is at most 10; a garbled count still picks up the MediaUrlN that are there.
        int limit = Math.max(announced, 10);
        for (int i = 0; i < limit; i++) {
            Optional<String> url = form.text("MediaUrl" + i);
            if (url.isPresent()) {
                media.add(new TwilioMedia(url.get(), form.text("MediaContentType" + i).orElse(null)));
            } else if (i >= announced) {
                break;
            }
        }
        return media;
    }

    private static int parseCount(String value) {
        try {
            return Math.min(Math.max(Integer.parseInt(value.trim()), 0), 100);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

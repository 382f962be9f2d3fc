package io.channelhub.connector.sms.model;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Twilio's status callback for an outbound message, posted to the {@code StatusCallback} URL the hub
 * gave. Callbacks may arrive out of order; the hub keeps the most advanced status.
 * https://www.twilio.com/docs/messaging/guides/outbound-message-status-in-status-callbacks
 *
 * @param status    {@code MessageStatus} (legacy {@code SmsStatus}), lower case
 * @param errorCode {@code ErrorCode}, on {@code failed} and {@code undelivered}
 */
public record TwilioStatusCallback(
        String messageSid, String accountSid, String status, String errorCode, String errorMessage) {

    /** Values of {@code SmsStatus} on an incoming message rather than a status report. */
    private static final Set<String> INBOUND_STATUSES = Set.of("received", "receiving");

    /** The status when the form is a status callback, not an incoming message. */
    public static Optional<String> statusOf(TwilioForm form) {
        return form.text("MessageStatus").or(() -> form.text("SmsStatus"))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !INBOUND_STATUSES.contains(s));
    }

    public static TwilioStatusCallback of(TwilioForm form, String messageSid, String status) {
        return new TwilioStatusCallback(messageSid, form.value("AccountSid").orElse(null), status,
                form.text("ErrorCode").map(String::trim).orElse(null),
                form.text("ErrorMessage").orElse(null));
    }
}

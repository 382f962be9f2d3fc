package io.channelhub.connector.sms;

import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.Reason;
import io.channelhub.core.model.ReasonCodes;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio's {@code MessageStatus} values (every value of the SDK's {@code Message.Status}) and delivery
 * error codes in the hub's terms.
 *
 * <ul>
 *   <li>{@code queued}, {@code accepted}, {@code scheduled}: no event (the hub reported {@code accepted}
 *       and, once the API call succeeded, {@code sent} itself); {@code receiving}, {@code received} are
 *       an inbound message's own status, never an outbound message's;</li>
 *   <li>{@code sending}, {@code sent} → {@code sent}; {@code delivered} → {@code delivered};
 *       {@code read} (WhatsApp/RCS senders) → {@code read};</li>
 *   <li>{@code partially_delivered} → {@code delivered}: part of the message reached the recipient, so
 *       it is neither a failure to retry nor still on its way;</li>
 *   <li>{@code undelivered}, {@code failed}, {@code canceled} → {@code failed} with a reason;</li>
 *   <li>anything else → no event, and a warning: Twilio added a status the hub does not know yet.</li>
 * </ul>
 * Error codes: https://www.twilio.com/docs/api/errors (30003 unreachable handset is often temporary,
 * so it is not treated as a bad address).
 */
final class SmsDeliveryStatuses {
    private static final Logger LOG = LoggerFactory.getLogger(SmsDeliveryStatuses.class);
    private static final Map<String, DeliveryStatus> STATUSES = Map.of(
            "sending", DeliveryStatus.SENT,
            "sent", DeliveryStatus.SENT,
            "delivered", DeliveryStatus.DELIVERED,
            "partially_delivered", DeliveryStatus.DELIVERED,
            "read", DeliveryStatus.READ,
            "undelivered", DeliveryStatus.FAILED,
            "failed", DeliveryStatus.FAILED,
            "canceled", DeliveryStatus.FAILED);
    private static final Set<String> WITHOUT_EVENT = Set.of("queued", "accepted", "scheduled", "receiving",
            "received");

    private static final Set<String> INVALID_ADDRESS_CODES = Set.of("30005", "30006", "21211", "21614");

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "21610", "recipient has unsubscribed (replied STOP)",
            "30003", "unreachable destination handset",
            "30004", "message blocked by the recipient or carrier",
            "30005", "unknown destination handset",
            "30006", "landline or unreachable carrier",
            "30007", "message filtered by the carrier",
            "30008", "unknown error from the carrier");

    private SmsDeliveryStatuses() {
    }

    static Optional<DeliveryStatus> of(String twilioStatus) {
        if (!isKnown(twilioStatus)) {
            // Only a plain word is repeated in the log: the value comes from the request.
            LOG.warn("Twilio reported status '{}', which the hub does not know; no status event",
                    twilioStatus.matches("[a-z_]{1,40}") ? twilioStatus : "(unreadable)");
        }
        return Optional.ofNullable(STATUSES.get(twilioStatus));
    }

    static boolean isKnown(String twilioStatus) {
        return STATUSES.containsKey(twilioStatus) || WITHOUT_EVENT.contains(twilioStatus);
    }

    /** Why a message failed, from the callback's {@code ErrorCode} (and {@code ErrorMessage}, if sent). */
    static Reason failure(String twilioStatus, String errorCode, String errorMessage) {
        String code;
        if (SmsErrorClassifier.UNSUBSCRIBED_RECIPIENT_CODE.equals(errorCode)) {
            code = ReasonCodes.OPTED_OUT;
        } else if (errorCode != null && INVALID_ADDRESS_CODES.contains(errorCode)) {
            code = ReasonCodes.INVALID_ADDRESS;
        } else {
            code = ReasonCodes.PROVIDER_REJECTED;
        }
        String detail = "Twilio reported " + twilioStatus;
        if (errorCode != null) {
            String description = errorMessage != null ? errorMessage : DESCRIPTIONS.get(errorCode);
            detail += ": error " + errorCode + (description == null ? "" : " (" + description + ")");
        }
        return new Reason(code, detail, errorCode, false);
    }
}

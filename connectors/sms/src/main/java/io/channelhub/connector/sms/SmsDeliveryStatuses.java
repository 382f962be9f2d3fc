package io.channelhub.connector.sms;

import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.Reason;
import io.channelhub.core.model.ReasonCodes;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Twilio's {@code MessageStatus} values and delivery error codes in the hub's terms.
 *
 * <ul>
 *   <li>{@code queued}, {@code accepted}, {@code scheduled}: no event (the hub reported {@code accepted}
 *       and, once the API call succeeded, {@code sent} itself);</li>
 *   <li>{@code sending}, {@code sent} → {@code sent}; {@code delivered} → {@code delivered};
 *       {@code read} (WhatsApp/RCS senders) → {@code read};</li>
 *   <li>{@code undelivered}, {@code failed}, {@code canceled} → {@code failed} with a reason;</li>
 *   <li>anything else (e.g. {@code partially_delivered} of group MMS) → no event.</li>
 * </ul>
 * Error codes: https://www.twilio.com/docs/api/errors (30003 unreachable handset is often temporary,
 * so it is not treated as a bad address).
 */
final class SmsDeliveryStatuses {
    private static final Map<String, DeliveryStatus> STATUSES = Map.of(
            "sending", DeliveryStatus.SENT,
            "sent", DeliveryStatus.SENT,
            "delivered", DeliveryStatus.DELIVERED,
            "read", DeliveryStatus.READ,
            "undelivered", DeliveryStatus.FAILED,
            "failed", DeliveryStatus.FAILED,
            "canceled", DeliveryStatus.FAILED);

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
        return Optional.ofNullable(STATUSES.get(twilioStatus));
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

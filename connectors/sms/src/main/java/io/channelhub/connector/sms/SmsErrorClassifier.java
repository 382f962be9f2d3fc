package io.channelhub.connector.sms;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.ReasonCodes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * Classifies Twilio failures for the hub's policy: permanent (opted out, invalid number, rejected,
 * credentials) or transient (throttled, unavailable). Twilio error codes win over HTTP statuses.
 * Error codes: https://www.twilio.com/docs/api/errors
 */
final class SmsErrorClassifier {
    static final int UNSUBSCRIBED_RECIPIENT = 21610;
    static final String UNSUBSCRIBED_RECIPIENT_CODE = "21610";
    static final Set<Integer> INVALID_NUMBER = Set.of(21211, 21614);
    static final Set<Integer> CREDENTIALS = Set.of(20003, 20403);
    /** 20429: too many requests; 21611: the sender's queue is full (10 h worth), slow down. */
    static final Set<Integer> THROTTLED = Set.of(20429, 21611);

    private SmsErrorClassifier() {
    }

    /** An SDK failure; {@code credentials} are used only to keep secrets out of the message. */
    static ChannelException classify(TwilioException e, SmsCredentials credentials, String action) {
        if (e instanceof ApiException api) {
            Duration retryAfter = retryAfter(api.getDetails());
            return classify(api.getStatusCode(), api.getCode(), credentials.redact(api.getMessage()), retryAfter,
                    action);
        }
        String detail = e instanceof ApiConnectionException ? e.getMessage() : e.getClass().getSimpleName();
        return TransientChannelException.unavailable(action + ": " + credentials.redact(detail), e);
    }

    /**
     * @param httpStatus    HTTP status, or null when no answer was read
     * @param twilioCode    Twilio's error code from the JSON body, or null
     * @param twilioMessage Twilio's message, free of secrets
     */
    static ChannelException classify(Integer httpStatus, Integer twilioCode, String twilioMessage,
                                     Duration retryAfter, String action) {
        String providerCode = twilioCode == null ? null : twilioCode.toString();
        String message = action + ": " + (twilioMessage == null ? "no detail" : twilioMessage)
                + " (" + (twilioCode == null ? "" : "Twilio error " + twilioCode + ", ")
                + (httpStatus == null ? "no HTTP status" : "HTTP " + httpStatus) + ")";
        int status = httpStatus == null ? 0 : httpStatus;
        if (twilioCode != null) {
            if (twilioCode == UNSUBSCRIBED_RECIPIENT) {
                return new PermanentChannelException(ReasonCodes.OPTED_OUT, providerCode, message);
            }
            if (INVALID_NUMBER.contains(twilioCode)) {
                return new PermanentChannelException(ReasonCodes.INVALID_ADDRESS, providerCode, message);
            }
            if (CREDENTIALS.contains(twilioCode)) {
                return PermanentChannelException.credentials(providerCode, message);
            }
            if (THROTTLED.contains(twilioCode)) {
                return TransientChannelException.rateLimited(providerCode, message, retryAfter);
            }
        }
        if (status == 401) {
            return PermanentChannelException.credentials(providerCode, message);
        }
        if (status == 429) {
            return TransientChannelException.rateLimited(providerCode, message, retryAfter);
        }
        if (status >= 400 && status < 500) {
            return new PermanentChannelException(ReasonCodes.PROVIDER_REJECTED, providerCode, message);
        }
        // 5xx, no status at all (unreadable answer) or an unexpected one: worth another try later.
        return new TransientChannelException(ReasonCodes.PROVIDER_UNAVAILABLE, providerCode, message, retryAfter,
                null);
    }

    private static Duration retryAfter(Map<String, Object> details) {
        Object value = details == null ? null : details.get(SmsApiHttpClient.RETRY_AFTER_DETAIL);
        return value == null ? null : parseRetryAfter(value.toString());
    }

    /** {@code Retry-After} is either delta-seconds or an HTTP date. */
    static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}

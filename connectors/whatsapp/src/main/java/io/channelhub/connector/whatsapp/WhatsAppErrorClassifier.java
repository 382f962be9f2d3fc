package io.channelhub.connector.whatsapp;

import io.channelhub.connector.whatsapp.model.GraphError;
import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.ReasonCodes;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Classifies Graph API failures by error code, then by HTTP status: the one table of what may be retried.
 * Codes from https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes
 * and https://developers.facebook.com/docs/graph-api/guides/error-handling (see PROTOCOLS.md §1.9).
 */
final class WhatsAppErrorClassifier {

    /** Throughput (130429), pair rate (131056), WABA (80007) and Graph app/user/page throttling. */
    private static final Set<Integer> RATE_LIMITED = Set.of(130429, 131056, 80007, 4, 17, 32, 613);
    /** Unknown/temporary API errors and Meta-side failures. */
    private static final Set<Integer> UNAVAILABLE = Set.of(1, 2, 131000, 131016);
    /** Expired or invalid access token; 0 is Graph's generic AuthException. */
    private static final Set<Integer> CREDENTIALS = Set.of(190, 0);
    /** More than 24 h since the user's last message: only a template may be sent. */
    private static final int REENGAGEMENT = 131047;
    /**
     * Refused for good: undeliverable, template mismatch, invalid parameters, unsupported or broken media,
     * and the policy/quality throttles (131048 spam limit, 131049 marketing cap, 368 policy block) that
     * must not be blindly retried; 10 and 200–299 are permission errors.
     */
    private static final Set<Integer> REJECTED = Set.of(131026, 132000, 132001, 131008, 131009, 131051, 131052,
            131053, 100, 131048, 131049, 368, 10, 200);

    private static final int MAX_MESSAGE_LENGTH = 300;

    private WhatsAppErrorClassifier() {
    }

    /**
     * The exception for a failed Graph call.
     *
     * @param error      the Graph error of the body, if it had one
     * @param retryAfter the {@code Retry-After} header's hint, if any
     * @param token      the call's token, removed from any text that found its way into the message
     */
    static ChannelException classify(int httpStatus, Optional<GraphError> error, Duration retryAfter,
                                     GraphAccessToken token) {
        Integer code = error.map(GraphError::code).orElse(null);
        String providerCode = code == null ? null : String.valueOf(code);
        String message = describe(httpStatus, error.orElse(null), token);
        return switch (kindOf(code, httpStatus)) {
            case RATE_LIMITED -> TransientChannelException.rateLimited(providerCode, message, retryAfter);
            case UNAVAILABLE -> new TransientChannelException(ReasonCodes.PROVIDER_UNAVAILABLE, providerCode,
                    message, retryAfter, null);
            case CREDENTIALS -> PermanentChannelException.credentials(providerCode, message);
            case OUTSIDE_SERVICE_WINDOW -> new PermanentChannelException(ReasonCodes.OUTSIDE_SERVICE_WINDOW,
                    providerCode, message);
            case REJECTED -> new PermanentChannelException(ReasonCodes.PROVIDER_REJECTED, providerCode, message);
        };
    }

    /** The {@code reason.code} of a {@code failed} status webhook carrying this Graph code. */
    static String reasonCodeOf(Integer code) {
        return kindOf(code, 400).reasonCode;
    }

    static Kind kindOf(Integer code, int httpStatus) {
        if (code != null) {
            if (RATE_LIMITED.contains(code)) {
                return Kind.RATE_LIMITED;
            }
            if (UNAVAILABLE.contains(code)) {
                return Kind.UNAVAILABLE;
            }
            if (CREDENTIALS.contains(code)) {
                return Kind.CREDENTIALS;
            }
            if (code == REENGAGEMENT) {
                return Kind.OUTSIDE_SERVICE_WINDOW;
            }
            if (REJECTED.contains(code) || code >= 200 && code <= 299) {
                return Kind.REJECTED;
            }
        }
        if (httpStatus == 401) {
            return Kind.CREDENTIALS;
        }
        if (httpStatus == 429) {
            return Kind.RATE_LIMITED;
        }
        if (httpStatus >= 500 || httpStatus == 408) {
            return Kind.UNAVAILABLE;
        }
        return Kind.REJECTED;
    }

    private static String describe(int httpStatus, GraphError error, GraphAccessToken token) {
        StringBuilder sb = new StringBuilder("WhatsApp Graph API answered HTTP ").append(httpStatus);
        if (error != null) {
            if (error.code() != null) {
                sb.append(", error ").append(error.code());
            }
            if (error.subcode() != null) {
                sb.append('/').append(error.subcode());
            }
            if (error.message() != null) {
                sb.append(": ").append(error.message());
            }
            if (error.details() != null) {
                sb.append(" (").append(error.details()).append(')');
            }
        }
        String text = token == null ? sb.toString() : token.redact(sb.toString());
        return text.length() <= MAX_MESSAGE_LENGTH ? text : text.substring(0, MAX_MESSAGE_LENGTH) + "…";
    }

    /** The classes of failure the hub tells apart. */
    enum Kind {
        RATE_LIMITED(ReasonCodes.RATE_LIMITED),
        UNAVAILABLE(ReasonCodes.PROVIDER_UNAVAILABLE),
        CREDENTIALS(ReasonCodes.AUTHENTICATION_FAILED),
        OUTSIDE_SERVICE_WINDOW(ReasonCodes.OUTSIDE_SERVICE_WINDOW),
        REJECTED(ReasonCodes.PROVIDER_REJECTED);

        final String reasonCode;

        Kind(String reasonCode) {
            this.reasonCode = reasonCode;
        }
    }
}

package io.channelhub.connector.google;

import io.channelhub.connector.google.model.RbmError;
import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.ReasonCodes;
import java.time.Duration;
import java.util.Optional;

/**
 * Classifies failed RBM API calls by HTTP status: the one table of what may be retried. See
 * https://developers.google.com/business-communications/rcs-business-messaging/guides/build/messages/send
 * and PROTOCOLS.md §10.2.
 */
final class GoogleErrorClassifier {

    private static final int MAX_MESSAGE_LENGTH = 300;

    private GoogleErrorClassifier() {
    }

    /**
     * @param retryAfter the {@code Retry-After} header's hint, if any
     * @param bearer     the call's token, removed from any text that found its way into the message
     */
    static ChannelException classify(int httpStatus, Optional<RbmError> error, Duration retryAfter,
                                      GoogleBearer bearer) {
        String providerCode = error.map(RbmError::status).orElse(String.valueOf(httpStatus));
        String message = describe(httpStatus, error.orElse(null), bearer);
        if (httpStatus == 404) {
            // No RCS on the device, or the agent is not launched on the user's carrier: fallback acts on it.
            return new PermanentChannelException(ReasonCodes.NOT_REACHABLE_ON_CHANNEL, providerCode, message);
        }
        if (httpStatus == 401 || httpStatus == 403) {
            return PermanentChannelException.credentials(providerCode, message);
        }
        if (httpStatus == 429) {
            return TransientChannelException.rateLimited(providerCode, message, retryAfter);
        }
        if (httpStatus >= 500 || httpStatus == 408) {
            return new TransientChannelException(ReasonCodes.PROVIDER_UNAVAILABLE, providerCode, message, retryAfter,
                    null);
        }
        // 400 INVALID_ARGUMENT also means the device lacks a feature the message uses: never delivered.
        return new PermanentChannelException(ReasonCodes.PROVIDER_REJECTED, providerCode, message);
    }

    /** {@code Retry-After} in seconds, the form Google's front ends use; anything else is no hint. */
    static Duration retryAfter(Optional<String> header) {
        return header.map(String::trim).filter(v -> v.matches("\\d{1,9}")).map(Long::parseLong)
                .map(Duration::ofSeconds).orElse(null);
    }

    private static String describe(int httpStatus, RbmError error, GoogleBearer bearer) {
        StringBuilder sb = new StringBuilder("RBM API answered HTTP ").append(httpStatus);
        if (error != null) {
            if (error.status() != null) {
                sb.append(' ').append(error.status());
            }
            if (error.field() != null) {
                sb.append(", field ").append(error.field());
            }
            if (error.message() != null) {
                sb.append(": ").append(error.message());
            }
        }
        String text = bearer == null ? sb.toString() : bearer.redact(sb.toString());
        return text.length() <= MAX_MESSAGE_LENGTH ? text : text.substring(0, MAX_MESSAGE_LENGTH) + "…";
    }
}

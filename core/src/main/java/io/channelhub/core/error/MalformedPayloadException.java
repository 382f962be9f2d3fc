package io.channelhub.core.error;

/**
 * An inbound payload the normalizer cannot read at all (not the provider's format). It goes to the
 * dead-letter queue with its raw body; an unknown but well-formed message type is not malformed: it
 * becomes {@code unsupported} content.
 */
public class MalformedPayloadException extends RuntimeException {
    public MalformedPayloadException(String message) {
        super(message);
    }

    public MalformedPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}

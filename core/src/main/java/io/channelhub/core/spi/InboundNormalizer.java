package io.channelhub.core.spi;

import io.channelhub.core.error.MalformedPayloadException;
import java.util.List;

/**
 * Turns one raw inbound payload into canonical events: consumer messages and status updates of
 * messages the hub sent. Runs off the request thread, after the payload is durably queued.
 *
 * <p>Contract: one payload may yield many events (Meta batches entries, changes, messages and
 * statuses) or none (events the hub does not use). An unknown message type becomes
 * {@code unsupported} content, never an exception. Only a payload that is not in the provider's format
 * at all throws {@link MalformedPayloadException}; it is then dead-lettered with its raw body.
 * Normalizers make no network calls: media is referenced by {@link MediaSource} and fetched later.
 */
public interface InboundNormalizer {
    List<InboundEvent> normalize(InboundPayload payload) throws MalformedPayloadException;
}

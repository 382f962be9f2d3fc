package io.channelhub.core.spi;

/** What a normalizer finds in a payload: a consumer's message or a status update of a sent message. */
public sealed interface InboundEvent permits InboundMessage, StatusUpdate {
}

package io.channelhub.core.spi;

/**
 * What a normalizer finds in a payload: a contact's message, a status update of a sent message, or another thing
 * the contact did.
 */
public sealed interface InboundEvent permits InboundMessage, StatusUpdate, ContactEvent {
}

package io.channelhub.core.spi;

/**
 * For channels whose provider can take back a sent message that was not delivered yet (RBM's
 * {@code agentMessages.delete}). The hub asks only for messages it sent and has no delivery of.
 */
public interface MessageRevoker {

    /**
     * Takes the message back, or learns that it is too late. Provider failures are thrown as
     * {@link io.channelhub.core.error.ChannelException}s, as by senders.
     *
     * @param providerMessageId the provider's id of the message, as the send returned it
     * @param to                the contact's address
     */
    Outcome revoke(String providerMessageId, String to, TenantConnector connector);

    enum Outcome {
        /** Taken back: the contact will not get it. */
        REVOKED,
        /** Too late: it reached the contact's device already. */
        ALREADY_DELIVERED
    }
}

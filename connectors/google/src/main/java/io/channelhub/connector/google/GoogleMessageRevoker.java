package io.channelhub.connector.google;

import io.channelhub.core.model.Party;
import io.channelhub.core.spi.MessageRevoker;
import io.channelhub.core.spi.TenantConnector;

/**
 * Takes back an RBM message Google has not delivered yet. Its provider id is the hub id the sender gave
 * Google as {@code messageId}; a 404 means the device has it already.
 */
final class GoogleMessageRevoker implements MessageRevoker {

    private final GoogleApiClient api;
    private final GoogleAccessTokens tokens;

    GoogleMessageRevoker(GoogleApiClient api, GoogleAccessTokens tokens) {
        this.api = api;
        this.tokens = tokens;
    }

    @Override
    public Outcome revoke(String providerMessageId, String to, TenantConnector connector) {
        GoogleSettings settings = GoogleSettings.of(connector);
        String msisdn = GoogleAddresses.requireE164(new Party(to, null));
        return api.revokeAgentMessage(settings, tokens.bearer(connector), msisdn, providerMessageId)
                ? Outcome.REVOKED : Outcome.ALREADY_DELIVERED;
    }
}

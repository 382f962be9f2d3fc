package io.channelhub.connector.google;

import io.channelhub.core.model.Party;
import io.channelhub.core.spi.CapabilityLookup;
import io.channelhub.core.spi.TenantConnector;

/** What RBM says of a number for the tenant's agent: reachable over RCS, and the features its device shows. */
final class GoogleCapabilityLookup implements CapabilityLookup {

    private final GoogleApiClient api;
    private final GoogleAccessTokens tokens;

    GoogleCapabilityLookup(GoogleApiClient api, GoogleAccessTokens tokens) {
        this.api = api;
        this.tokens = tokens;
    }

    @Override
    public ContactCapabilities lookup(String address, TenantConnector connector) {
        String msisdn = GoogleAddresses.requireE164(new Party(address, null));
        return api.capabilities(GoogleSettings.of(connector), tokens.bearer(connector), msisdn)
                .map(features -> new ContactCapabilities(true, features))
                .orElseGet(ContactCapabilities::unreachable);
    }
}

package io.channelhub.connector.meta;

import io.channelhub.core.spi.ComposedConnector;
import io.channelhub.core.spi.ConnectorParts;
import io.channelhub.core.spi.MediaFetcher;

/**
 * What every Meta channel is to the hub: Meta webhooks in (the family's verifier with the channel's routing),
 * the Graph API out, inbound media fetched by the connector; one instance shared by all tenants, each call
 * carrying the tenant's own settings and token. A channel declares the rest of its parts (settings checks,
 * credential check, field descriptions) in {@code channelParts}.
 */
public abstract class MetaChannelConnector extends ComposedConnector {

    private final GraphApiConfig graphApi;

    protected MetaChannelConnector(GraphApiConfig graphApi, MetaWebhookVerifier verifier, MediaFetcher mediaFetcher,
                                   ConnectorParts channelParts) {
        super(channelParts.webhooks(verifier).mediaFetcher(mediaFetcher));
        this.graphApi = graphApi;
    }

    /** The hub configuration this connector calls the Graph API with. */
    public final GraphApiConfig graphApi() {
        return graphApi;
    }
}

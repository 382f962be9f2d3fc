package io.channelhub.connector.meta;

import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.ChannelDescriptor;
import io.channelhub.core.spi.InboundNormalizer;
import io.channelhub.core.spi.MediaFetcher;
import io.channelhub.core.spi.OutboundSender;
import io.channelhub.core.spi.WebhookVerifier;
import java.util.Optional;

/**
 * What every Meta channel is to the hub: Meta webhooks in (the family's verifier with the channel's routing),
 * the Graph API out, inbound media fetched by the connector; one instance shared by all tenants, each call
 * carrying the tenant's own settings and token. A channel adds its settings checks and credential check.
 */
public abstract class MetaChannelConnector implements ChannelConnector {

    private final ChannelDescriptor descriptor;
    private final GraphApiConfig graphApi;
    private final MetaWebhookVerifier verifier;
    private final InboundNormalizer normalizer;
    private final OutboundSender sender;
    private final MediaFetcher mediaFetcher;

    protected MetaChannelConnector(ChannelDescriptor descriptor, GraphApiConfig graphApi, MetaWebhookVerifier verifier,
                                   InboundNormalizer normalizer, OutboundSender sender, MediaFetcher mediaFetcher) {
        this.descriptor = descriptor;
        this.graphApi = graphApi;
        this.verifier = verifier;
        this.normalizer = normalizer;
        this.sender = sender;
        this.mediaFetcher = mediaFetcher;
    }

    /** The hub configuration this connector calls the Graph API with. */
    public final GraphApiConfig graphApi() {
        return graphApi;
    }

    @Override
    public final ChannelDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final Optional<WebhookVerifier> webhooks() {
        return Optional.of(verifier);
    }

    @Override
    public final InboundNormalizer normalizer() {
        return normalizer;
    }

    @Override
    public final OutboundSender sender() {
        return sender;
    }

    @Override
    public final Optional<MediaFetcher> mediaFetcher() {
        return Optional.of(mediaFetcher);
    }
}

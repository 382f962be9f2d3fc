package io.channelhub.connector.google;

import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.OutboundMessage;
import io.channelhub.core.spi.OutboundSender;
import io.channelhub.core.spi.SendResult;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.ProviderCall;
import java.util.List;

/**
 * Sends one message through the RBM API as the tenant's agent: one {@code agentMessages.create} per call,
 * with the hub message id as RBM's {@code messageId}. That id is also the provider id: RBM's DELIVERED and
 * READ events name it, and a retry after a lost answer reuses it, so Google never delivers twice. Content is
 * first fitted to the features of the contact's device when the hub knows them ({@link GoogleFeatureDegradation}).
 */
final class GoogleOutboundSender implements OutboundSender {

    private final GoogleApiClient api;
    private final GoogleAccessTokens tokens;

    GoogleOutboundSender(GoogleApiClient api, GoogleAccessTokens tokens) {
        this.api = api;
        this.tokens = tokens;
    }

    @Override
    public SendResult send(OutboundMessage message, TenantConnector connector) {
        if (message.id() == null || message.id().isBlank()) {
            throw new PermanentChannelException(ReasonCodes.INTERNAL_ERROR, null, "an RBM message needs the hub id");
        }
        GoogleSettings settings = GoogleSettings.of(connector);
        String msisdn = GoogleAddresses.requireE164(message.to());
        var content = GoogleFeatureDegradation.fit(message.content(), message.deviceFeatures());
        var body = GoogleMessageRenderer.render(message, content, settings);
        api.createAgentMessage(settings, tokens.bearer(connector), msisdn, message.id(), body);
        return SendResult.of(message.id());
    }

    @Override
    public List<ProviderCall> outline(OutboundMessage message, TenantConnector connector) {
        var content = GoogleFeatureDegradation.fit(message.content(), message.deviceFeatures());
        return List.of(new ProviderCall("POST /v1/phones/{msisdn}/agentMessages?messageId={hub-id}&agentId={agent-id}",
                GoogleMessageRenderer.render(message, content, GoogleSettings.of(connector))));
    }
}

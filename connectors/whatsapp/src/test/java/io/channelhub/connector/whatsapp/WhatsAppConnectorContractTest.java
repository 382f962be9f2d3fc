package io.channelhub.connector.whatsapp;

import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.ConnectorContractTest;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The hub's shared connector contract, run against the WhatsApp connector and its fixtures. */
class WhatsAppConnectorContractTest extends ConnectorContractTest {

    private static final ChannelConnector CONNECTOR = new WhatsAppConnectorFactory()
            .create(WhatsAppFixtures.environment(Map.of("base-url", "http://127.0.0.1:9")));

    @Override
    protected ChannelConnector connector() {
        return CONNECTOR;
    }

    @Override
    protected TenantConnector tenantConnector() {
        return WhatsAppFixtures.tenant();
    }

    @Override
    protected List<InboundPayload> samplePayloads() {
        return Stream.of("text.json", "image.json", "audio-voice.json", "video.json", "document.json", "sticker.json",
                        "location.json", "contacts.json", "interactive-button-reply.json",
                        "interactive-list-reply.json", "button-template-quick-reply.json", "reaction.json",
                        "reaction-removed.json", "referral-ad.json", "reply-with-context.json", "unsupported.json",
                        "unknown-order.json", "bsuid-username-without-phone.json", "bsuid-with-phone.json",
                        "batch-multi-entry.json", "status-sent.json", "status-delivered.json", "status-read.json",
                        "status-read-without-delivered.json", "status-failed-reengagement.json",
                        "status-failed-undeliverable.json")
                .map(WhatsAppFixtures::inbound)
                .toList();
    }

    @Override
    protected WebhookRequest signedWebhook() {
        return WhatsAppFixtures.signedPost(WhatsAppFixtures.bytes("inbound/text.json"), WhatsAppFixtures.APP_SECRET);
    }
}

package io.channelhub.connector.instagram;

import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.ConnectorContractTest;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookRequest;
import java.util.List;
import java.util.Map;

/** The hub's shared connector contract, run against the Instagram connector and every inbound fixture. */
class InstagramConnectorContractTest extends ConnectorContractTest {

    static final List<String> INBOUND_FIXTURES = List.of("text.json", "image.json", "video.json", "audio.json",
            "file.json", "images-several.json", "story-mention.json", "story-reply.json", "reply-to-message.json",
            "share-reel.json", "quick-reply.json", "postback.json", "reaction.json", "reaction-unreact.json",
            "seen.json", "unsend.json", "unsupported-gif.json", "referral-ad.json", "echo-from-instagram-app.json",
            "echo-of-hub-send.json", "standby-message.json", "pass-thread-control.json", "unknown-event.json",
            "unknown-attachment.json", "batch-two-accounts.json");

    private static final ChannelConnector CONNECTOR = new InstagramConnectorFactory()
            .create(InstagramFixtures.environment("http://127.0.0.1:9", Map.of()));

    @Override
    protected ChannelConnector connector() {
        return CONNECTOR;
    }

    @Override
    protected TenantConnector tenantConnector() {
        return InstagramFixtures.tenant();
    }

    @Override
    protected List<InboundPayload> samplePayloads() {
        return INBOUND_FIXTURES.stream().map(InstagramFixtures::inbound).toList();
    }

    @Override
    protected WebhookRequest signedWebhook() {
        return InstagramFixtures.signedPost(InstagramFixtures.bytes("inbound/text.json"));
    }
}

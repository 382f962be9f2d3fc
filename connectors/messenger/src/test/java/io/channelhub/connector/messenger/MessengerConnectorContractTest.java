package io.channelhub.connector.messenger;

import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.ConnectorContractTest;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The hub's shared connector contract, run against the Messenger connector and every inbound fixture. */
class MessengerConnectorContractTest extends ConnectorContractTest {

    static final List<String> INBOUND_FIXTURES = List.of("text.json", "image.json", "video.json", "audio.json",
            "file.json", "sticker.json", "sticker-legacy-image.json", "location.json", "fallback-link-share.json",
            "reel-share.json", "post-share.json", "images-several.json", "quick-reply.json", "postback.json",
            "postback-get-started-referral.json", "referral-shortlink.json", "reply-to.json", "reaction.json",
            "reaction-unreact.json", "message-edit.json", "message-unsend.json", "delivery-with-mids.json",
            "delivery-watermark-only.json", "read.json", "echo-from-business-suite.json", "echo-of-hub-send.json",
            "standby-message.json", "optin-notification-messages.json", "optin-stop-notifications.json",
            "pass-thread-control.json", "unknown-event.json", "unsupported-attachment.json", "batch-two-pages.json",
            "batch-message-delivery-read.json");

    private static final ChannelConnector CONNECTOR = new MessengerConnectorFactory()
            .create(MessengerFixtures.environment(Map.of("base-url", "http://127.0.0.1:9")));

    @Override
    protected ChannelConnector connector() {
        return CONNECTOR;
    }

    @Override
    protected TenantConnector tenantConnector() {
        return MessengerFixtures.tenant();
    }

    @Override
    protected List<InboundPayload> samplePayloads() {
        return Stream.of(INBOUND_FIXTURES.toArray(String[]::new)).map(MessengerFixtures::inbound).toList();
    }

    @Override
    protected WebhookRequest signedWebhook() {
        return MessengerFixtures.signedPost(MessengerFixtures.bytes("inbound/text.json"));
    }
}

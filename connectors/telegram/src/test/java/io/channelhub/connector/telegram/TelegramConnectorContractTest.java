package io.channelhub.connector.telegram;

import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.ConnectorContractTest;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookRequest;
import java.util.List;

/**
 * The hub's shared connector contract, run against the Telegram connector and every inbound fixture that
 * yields an event.
 *
 * <p>Telegram signs no body: its {@code X-Telegram-Bot-Api-Secret-Token} header is a shared secret, so the
 * contract removes that header for its unauthenticated request and has no tampered-body check here;
 * {@link TelegramWebhookVerifierTest} covers the header's failure cases one by one.
 */
class TelegramConnectorContractTest extends ConnectorContractTest {

    static final List<String> EVENT_FIXTURES = List.of("text.json", "text-reply.json", "photo.json",
            "document.json", "audio.json", "voice.json", "video.json", "video-note.json", "animation.json",
            "sticker.json", "location.json", "venue.json", "contact.json", "callback-query.json",
            "edited-message.json", "my-chat-member-blocked.json", "my-chat-member-unblocked.json",
            "message-reaction.json", "dice.json");
    /** Updates the hub has no use for: they normalize to nothing. */
    static final List<String> SILENT_FIXTURES = List.of("group-message.json", "channel-post.json");

    private static final ChannelConnector CONNECTOR = TelegramFixtures.connector("http://127.0.0.1:9");

    @Override
    protected ChannelConnector connector() {
        return CONNECTOR;
    }

    @Override
    protected TenantConnector tenantConnector() {
        return TelegramFixtures.tenant();
    }

    @Override
    protected List<InboundPayload> samplePayloads() {
        return EVENT_FIXTURES.stream().map(TelegramFixtures::inbound).toList();
    }

    @Override
    protected WebhookRequest signedWebhook() {
        return TelegramFixtures.signedPost(TelegramFixtures.bytes("inbound/text.json"));
    }

    @Override
    protected boolean isAuthenticationHeader(String header) {
        return "x-telegram-bot-api-secret-token".equals(header);
    }

    @Override
    protected boolean bodyIsSigned() {
        return false;
    }
}

package io.channelhub.connector.telegram;

import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.ConnectorContractTest;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookRequest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The hub's shared connector contract, run against the Telegram connector and every inbound fixture that
 * yields an event.
 *
 * <p>Two of its checks assume a signature over the body and are skipped, visibly, with the reason: Telegram
 * signs nothing. Its {@code X-Telegram-Bot-Api-Secret-Token} header is a shared secret, so a changed body with
 * the right header is genuine as far as anyone can tell, and the contract's "unsigned" request (headers named
 * like "signature" removed) still carries it. {@link TelegramWebhookVerifierTest} covers both instead: a
 * request without the header, with a wrong one, and a changed body.
 */
@ExtendWith(TelegramConnectorContractTest.NoBodySignature.class)
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

    /** Skips the contract's two body-signature checks, which a shared-secret header cannot pass. */
    static final class NoBodySignature implements ExecutionCondition {
        private static final Set<String> BODY_SIGNATURE_CHECKS = Set.of("unsignedWebhookIsRejected",
                "tamperedWebhookIsRejected");

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getTestMethod().filter(m -> BODY_SIGNATURE_CHECKS.contains(m.getName()))
                    .map(m -> ConditionEvaluationResult.disabled("Telegram authenticates deliveries with a "
                            + "secret-token header, not a body signature; see TelegramWebhookVerifierTest"))
                    .orElse(ConditionEvaluationResult.enabled("a contract check that applies to Telegram"));
        }
    }
}

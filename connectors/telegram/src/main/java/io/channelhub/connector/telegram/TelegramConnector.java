package io.channelhub.connector.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.core.model.ContentType;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.spi.ChannelDescriptor;
import io.channelhub.core.spi.ComposedConnector;
import io.channelhub.core.spi.ConnectorParts;
import io.channelhub.core.spi.InboundAcknowledgement;
import io.channelhub.core.spi.InboundMessage;
import io.channelhub.core.spi.CredentialCheck;
import io.channelhub.core.spi.TenantConnector;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Telegram bots (Bot API) as a hub channel: each tenant's own bot, updates by webhook
 * ({@code POST /webhooks/telegram/{tenantId}}, registered by the hub with {@code setWebhook} and authenticated
 * by the {@code X-Telegram-Bot-Api-Secret-Token} header), sends by Bot API methods. Contacts are private chats,
 * addressed by chat id. Telegram has no customer-service window: a bot may write whenever the person has not
 * blocked it.
 */
public final class TelegramConnector extends ComposedConnector {
    static final String CHANNEL = "telegram";

    static final ChannelDescriptor DESCRIPTOR = new ChannelDescriptor(
            CHANNEL,
            "Telegram",
            ChannelDescriptor.AddressFormat.OPAQUE,
            Set.of(ContentType.TEXT, ContentType.MEDIA, ContentType.LOCATION, ContentType.CHOICE,
                    ContentType.CONTACTS, ContentType.REACTION),
            null,
            Set.of(),
            List.of(TelegramSettings.BOT_USERNAME),
            List.of(TelegramSettings.BOT_TOKEN, TelegramSettings.WEBHOOK_SECRET),
            Set.of(),
            List.of(Set.of(TelegramSettings.BOT_TOKEN, TelegramSettings.WEBHOOK_SECRET)),
            // per-tenant webhooks only: every bot has its own token and URL, so no payload needs routing
            null);

    /** From the settings in this connector's README, for the ops console's form. */
    private static final Map<String, String> FIELD_DESCRIPTIONS = Map.ofEntries(
            Map.entry("botUsername",
                    "The bot's username (5–32 letters, digits or underscores); optional, the credential check "
                    + "warns when the token belongs to another bot."),
            Map.entry("botToken", "The bot token from @BotFather (digits, a colon, then letters, digits, _ or -)."),
            Map.entry("webhookSecret",
                    "A random string you choose (1–256 of A-Z a-z 0-9 _ -); Telegram sends it with every "
                    + "webhook."));

    TelegramConnector(TelegramApiClient api) {
        super(ConnectorParts.of(DESCRIPTOR, new TelegramInboundNormalizer(), new TelegramOutboundSender(api))
                .webhooks(new TelegramWebhookVerifier())
                .webhookRegistration(new TelegramWebhookRegistration(api))
                .inboundAcknowledgement(callbackAnswers(api))
                .mediaFetcher(new TelegramMediaFetcher(api))
                .credentialCheck(connector -> checkBot(api, connector))
                .configurationProblems(TelegramSettings::problems)
                .fieldDescriptions(FIELD_DESCRIPTIONS));
    }

    /** Asks {@code getMe}: proves the token and shows ops which bot it is. */
    private static CredentialCheck checkBot(TelegramApiClient api, TenantConnector connector) {
        return TelegramBotCalls.run(connector, tc -> {
            JsonNode me = api.call("getMe", HubJson.mapper().createObjectNode(), tc);
            String bot = TelegramBotCalls.describeBot(me);
            String actual = BotJson.text(me, "username").orElse("");
            return TelegramSettings.botUsername(tc).filter(expected -> !expected.equalsIgnoreCase(actual))
                    .map(expected -> "the token belongs to bot " + bot + ", but the botUsername setting says @"
                            + expected)
                    .orElse("bot " + bot + " answers with the bot token");
        });
    }

    /**
     * Answers a button tap ({@code answerCallbackQuery}) so the button stops spinning in the person's app. The
     * normalizer makes no calls, so the hub acknowledges after queuing the {@code choice_response}, whose
     * {@code metadata.callbackQueryId} this takes.
     */
    private static InboundAcknowledgement callbackAnswers(TelegramApiClient api) {
        return new InboundAcknowledgement() {
            @Override
            public boolean awaited(InboundMessage message) {
                return message.metadata().get(TelegramCallbackMapper.CALLBACK_QUERY_ID) != null;
            }

            @Override
            public void acknowledge(InboundMessage message, TenantConnector connector) {
                String id = String.valueOf(message.metadata().get(TelegramCallbackMapper.CALLBACK_QUERY_ID));
                api.call("answerCallbackQuery", HubJson.mapper().createObjectNode().put("callback_query_id", id),
                        connector);
            }
        };
    }
}

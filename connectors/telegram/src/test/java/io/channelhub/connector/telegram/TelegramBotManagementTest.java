package io.channelhub.connector.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.channelhub.connector.telegram.TelegramFixtures.BOT_TOKEN;
import static io.channelhub.connector.telegram.TelegramFixtures.WEBHOOK_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.channelhub.core.model.ChoiceResponseContent;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.CredentialCheck;
import io.channelhub.core.spi.CredentialCheck.Outcome;
import io.channelhub.core.spi.InboundAcknowledgement;
import io.channelhub.core.spi.InboundMessage;
import io.channelhub.core.spi.WebhookRegistration;
import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** setWebhook, getWebhookInfo, deleteWebhook and getMe against a fake Bot API, as ops see their outcome. */
class TelegramBotManagementTest {

    @RegisterExtension
    static WireMockExtension bot = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String API = "/bot" + BOT_TOKEN + "/";
    private static final URI HOOK = URI.create("https://hub.example.com/webhooks/telegram/dealer-017");

    private TelegramConnector connector;
    private WebhookRegistration registration;

    @BeforeEach
    void setUp() {
        connector = TelegramFixtures.connector(bot.baseUrl());
        registration = connector.webhookRegistration().orElseThrow();
        bot.stubFor(post(urlEqualTo(API + "setWebhook")).willReturn(okJson(TelegramFixtures.text("outbound/ok-true.json"))));
        bot.stubFor(post(urlEqualTo(API + "deleteWebhook")).willReturn(okJson(TelegramFixtures.text("outbound/ok-true.json"))));
        bot.stubFor(post(urlEqualTo(API + "getWebhookInfo")).willReturn(
                okJson(TelegramFixtures.text("outbound/webhook-info-clean.json"))));
        bot.stubFor(post(urlEqualTo(API + "getMe")).willReturn(okJson(TelegramFixtures.text("outbound/get-me.json"))));
    }

    private static void failing(String method, int status, String fixture) {
        bot.stubFor(post(urlEqualTo(API + method)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(TelegramFixtures.text("outbound/" + fixture))));
    }

    @Test
    void registeringSetsTheUrlSecretAndUpdateKinds() {
        CredentialCheck check = registration.register(HOOK, TelegramFixtures.tenant());
        assertThat(check).isEqualTo(CredentialCheck.ok("webhook set to " + HOOK));
        bot.verify(postRequestedFor(urlEqualTo(API + "setWebhook")).withRequestBody(equalToJson("{\"url\": \"" + HOOK
                + "\", \"secret_token\": \"" + WEBHOOK_SECRET + "\", \"allowed_updates\": [\"message\","
                + " \"edited_message\", \"callback_query\", \"my_chat_member\"], \"drop_pending_updates\": false}")));
        bot.verify(postRequestedFor(urlEqualTo(API + "getWebhookInfo")));
    }

    @Test
    void registeringReportsTelegramsLastDeliveryError() {
        bot.stubFor(post(urlEqualTo(API + "getWebhookInfo")).willReturn(
                okJson(TelegramFixtures.text("outbound/webhook-info-last-error.json"))));
        CredentialCheck check = registration.register(HOOK, TelegramFixtures.tenant());
        assertThat(check.outcome()).isEqualTo(Outcome.OK);
        assertThat(check.detail()).contains("3 updates waiting", "2026-11-20T", "Wrong response from the webhook: 401 Unauthorized");
    }

    @Test
    void aRefusedTokenIsRejected() {
        failing("setWebhook", 401, "error-401-unauthorized.json");
        CredentialCheck check = registration.register(HOOK, TelegramFixtures.tenant());
        assertThat(check.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(check.detail()).startsWith("bot token refused: ").doesNotContain(BOT_TOKEN);
    }

    @Test
    void aRefusedUrlIsRejectedWithTelegramsReason() {
        failing("setWebhook", 400, "error-400-bad-webhook.json");
        CredentialCheck check = registration.register(URI.create("http://hub.example.com/webhooks/telegram/x"),
                TelegramFixtures.tenant());
        assertThat(check.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(check.detail()).contains("HTTPS URL must be provided");
    }

    @Test
    void anUnreachableTelegramIsUnreachable() {
        bot.stubFor(post(urlEqualTo(API + "setWebhook")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        CredentialCheck check = registration.register(HOOK, TelegramFixtures.tenant());
        assertThat(check.outcome()).isEqualTo(Outcome.UNREACHABLE);
        assertThat(check.detail()).doesNotContain(BOT_TOKEN);
        failing("setWebhook", 502, "error-502-bad-gateway.json");
        assertThat(registration.register(HOOK, TelegramFixtures.tenant()).outcome()).isEqualTo(Outcome.UNREACHABLE);
    }

    @Test
    void withoutAWebhookSecretNothingIsRegistered() {
        CredentialCheck check = registration.register(HOOK, TelegramFixtures.tenant(Map.of(),
                Collections.singletonMap("webhookSecret", null)));
        assertThat(check.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(bot.getAllServeEvents()).isEmpty();
    }

    @Test
    void unusableSecretsAreRejectedWithoutACall() {
        CredentialCheck check = registration.register(HOOK, TelegramFixtures.tenant(Map.of(),
                Map.of("webhookSecret", "with spaces and !")));
        assertThat(check.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(check.detail()).contains("webhookSecret").doesNotContain("with spaces");
        assertThat(bot.getAllServeEvents()).isEmpty();
    }

    @Test
    void unregisteringDeletesTheWebhookKeepingPendingUpdates() {
        assertThat(registration.unregister(TelegramFixtures.tenant())).isEqualTo(CredentialCheck.ok("webhook removed"));
        bot.verify(postRequestedFor(urlEqualTo(API + "deleteWebhook"))
                .withRequestBody(equalToJson("{\"drop_pending_updates\": false}")));
        failing("deleteWebhook", 401, "error-401-unauthorized.json");
        assertThat(registration.unregister(TelegramFixtures.tenant()).outcome()).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void theCredentialCheckNamesTheBot() {
        assertThat(connector.checkCredentials(TelegramFixtures.tenant()))
                .isEqualTo(CredentialCheck.ok("bot @devries_auto_bot (6123456789) answers with the bot token"));
        assertThat(connector.checkCredentials(TelegramFixtures.tenant(Map.of("botUsername", "@DeVries_Auto_Bot"),
                Map.of())).detail()).startsWith("bot @devries_auto_bot");
    }

    @Test
    void theCredentialCheckWarnsWhenTheBotIsAnotherThanConfigured() {
        CredentialCheck check = connector.checkCredentials(TelegramFixtures.tenant(Map.of("botUsername", "jansen_auto_bot"),
                Map.of()));
        assertThat(check.outcome()).isEqualTo(Outcome.OK);
        assertThat(check.detail()).contains("@devries_auto_bot", "botUsername setting says @jansen_auto_bot");
    }

    @Test
    void theCredentialCheckRejectsARefusedToken() {
        failing("getMe", 401, "error-401-unauthorized.json");
        CredentialCheck check = connector.checkCredentials(TelegramFixtures.tenant());
        assertThat(check.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(check.detail()).startsWith("bot token refused");
    }

    @Test
    void aButtonTapIsAnsweredAndNothingElseAwaitsAnAnswer() {
        bot.stubFor(post(urlEqualTo(API + "answerCallbackQuery")).willReturn(
                okJson(TelegramFixtures.text("outbound/ok-true.json"))));
        InboundAcknowledgement ack = connector.inboundAcknowledgement().orElseThrow();
        InboundMessage tap = new InboundMessage(new Party("42", null), null, "42", "callback:3135896420398127583",
                Instant.EPOCH, new ChoiceResponseContent("yes", "Yes"), null, List.of(), null, List.of(),
                Map.of("callbackQueryId", "3135896420398127583"));
        InboundMessage text = new InboundMessage(new Party("42", null), null, "42", "42:7", Instant.EPOCH,
                TextContent.of("hi"), null, List.of(), null, List.of(), Map.of());
        assertThat(ack.awaited(tap)).isTrue();
        assertThat(ack.awaited(text)).isFalse();
        ack.acknowledge(tap, TelegramFixtures.tenant());
        bot.verify(postRequestedFor(urlEqualTo(API + "answerCallbackQuery"))
                .withRequestBody(equalToJson("{\"callback_query_id\": \"3135896420398127583\"}")));
    }

    @Test
    void theDefaultBaseUrlIsTelegrams() {
        assertThat(TelegramConnectorFactory.DEFAULT_BASE_URL).isEqualTo("https://api.telegram.org");
    }
}

package io.channelhub.app.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.channelhub.core.model.ConversationIds;
import io.channelhub.core.model.HubJson;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Telegram connector end to end through the running hub: the hub points the tenant's bot at itself
 * ({@code getMe}, {@code setWebhook}, {@code getWebhookInfo}, {@code deleteWebhook}), Telegram's Updates come in
 * with the {@code X-Telegram-Bot-Api-Secret-Token} header, the Bot API (a WireMock fake, every call
 * {@code POST /bot<token>/<method>}) goes out; the core platform's JMS client over TCP and the REST API sit on
 * the other side. Updates are the connector's fixtures, written from the Bot API docs, with each test's own chat.
 */
class TelegramEndToEndTest extends ChannelHubTest {
    /** The private chat (= the person's user id) of the fixtures, replaced by each test's own. */
    static final String FIXTURE_CHAT = "7301425896";
    static final String WEBHOOK_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    static final String ALLOWED_UPDATES = "[\"message\",\"edited_message\",\"callback_query\",\"my_chat_member\"]";

    @DynamicPropertySource
    static void telegramProperties(DynamicPropertyRegistry registry) {
        registry.add("hub.channels.telegram.base-url", PROVIDER::baseUrl);
    }

    @Autowired
    JdbcClient jdbc;

    String chat;
    String botToken;
    String webhookSecret;

    @BeforeEach
    void tenantWithTelegram() throws Exception {
        chat = digits(10);
        botToken = digits(10) + ":AAH" + UUID.randomUUID().toString().replace("-", "");
        webhookSecret = "whsec_" + UUID.randomUUID().toString().replace("-", "") + "-" + digits(6);
        createTenant();
        PROVIDER.stubFor(post(urlEqualTo(bot("getMe"))).willReturn(okJson(fixture("telegram/outbound/get-me.json"))));
        PROVIDER.stubFor(post(urlEqualTo(bot("setWebhook"))).willReturn(okJson(fixture("telegram/outbound/ok-true.json"))));
        PROVIDER.stubFor(post(urlEqualTo(bot("getWebhookInfo"))).willReturn(okJson(
                fixture("telegram/outbound/webhook-info-clean.json"))));
        PROVIDER.stubFor(post(urlEqualTo(bot("deleteWebhook"))).willReturn(okJson(
                fixture("telegram/outbound/ok-true.json"))));
        PROVIDER.stubFor(post(urlEqualTo(bot("answerCallbackQuery"))).willReturn(okJson(
                fixture("telegram/outbound/ok-true.json"))));
        PROVIDER.stubFor(post(urlEqualTo(bot("sendMessage"))).willReturn(okJson(
                fixture("telegram/outbound/send-message-ok.json").replace(FIXTURE_CHAT, chat))));

        JsonNode saved = putConnector("telegram", connectorBody(botToken));
        assertThat(saved.path("channel").asText()).isEqualTo("telegram");
        assertThat(saved.path("enabled").asBoolean()).isTrue();
        assertThat(saved.path("health").asText()).as(saved.toString()).isEqualTo("ok");
        assertThat(saved.path("settings").path("botUsername").asText()).isEqualTo("devries_auto_bot");
        assertThat(saved.path("secrets").path("botToken").asText()).isEqualTo("***");
        assertThat(saved.path("secrets").path("webhookSecret").asText()).isEqualTo("***");
        assertThat(saved.toString()).doesNotContain(botToken).doesNotContain(webhookSecret)
                .doesNotContain(botToken.substring(botToken.indexOf(':') + 1));
        assertThat(saved.path("webhookUrl").asText()).isEqualTo(webhookUrl());
    }

    // ---- the hub points the bot at itself --------------------------------------------------------------

    @Test
    void savingChecksTheTokenWithGetMeThenRegistersTheWebhookWithTheSecret() throws Exception {
        assertThat(botCalls()).as("calls of this test's bot, in order")
                .containsExactly("getMe", "setWebhook", "getWebhookInfo");
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(bot("getMe"))).withRequestBody(equalToJson("{}")));
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(bot("setWebhook")))
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"url":"%s","secret_token":"%s","allowed_updates":%s,"drop_pending_updates":false}"""
                        .formatted(webhookUrl(), webhookSecret, ALLOWED_UPDATES))));
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(bot("getWebhookInfo"))).withRequestBody(equalToJson("{}")));
        // what setWebhook was given, field by field
        JsonNode setWebhook = json(lastBody("setWebhook"));
        assertThat(setWebhook.path("url").asText()).isEqualTo("https://hub.example.test/webhooks/telegram/" + tenant);
        assertThat(setWebhook.path("secret_token").asText()).isEqualTo(webhookSecret);
        assertThat(setWebhook.path("allowed_updates")).extracting(JsonNode::asText)
                .containsExactly("message", "edited_message", "callback_query", "my_chat_member");

        JsonNode view = connectorView("telegram");
        assertThat(view.path("health").asText()).isEqualTo("ok");
        assertThat(view.path("healthDetail").asText())
                .contains("bot @devries_auto_bot (6123456789) answers with the bot token")
                .contains("webhook set to " + webhookUrl())
                .doesNotContain(botToken).doesNotContain(webhookSecret);
    }

    @Test
    void aTokenTelegramRefusesMarksTheConnectorUnhealthyAndRegistersNoWebhook() throws Exception {
        String refused = digits(10) + ":AAH" + UUID.randomUUID().toString().replace("-", "");
        PROVIDER.stubFor(post(urlEqualTo("/bot" + refused + "/getMe")).willReturn(json(401,
                fixture("telegram/outbound/error-401-unauthorized.json"))));

        JsonNode saved = putConnector("telegram", connectorBody(refused));

        assertThat(saved.path("health").asText()).isEqualTo("unhealthy");
        assertThat(saved.path("enabled").asBoolean()).isTrue();
        assertThat(saved.path("healthDetail").asText()).contains("401").doesNotContain(refused)
                .doesNotContain(refused.substring(refused.indexOf(':') + 1));
        PROVIDER.verify(1, postRequestedFor(urlEqualTo("/bot" + refused + "/getMe")));
        PROVIDER.verify(0, postRequestedFor(urlEqualTo("/bot" + refused + "/setWebhook")));
        PROVIDER.verify(0, postRequestedFor(urlEqualTo("/bot" + refused + "/getWebhookInfo")));
        assertThat(connectorView("telegram").path("health").asText()).isEqualTo("unhealthy");
    }

    @Test
    void theHealthShowsTelegramsLastDeliveryErrorFromGetWebhookInfo() throws Exception {
        PROVIDER.stubFor(post(urlEqualTo(bot("getWebhookInfo"))).atPriority(1).willReturn(okJson(
                fixture("telegram/outbound/webhook-info-last-error.json"))));

        JsonNode saved = putConnector("telegram", connectorBody(botToken));

        assertThat(saved.path("health").asText()).isEqualTo("ok");
        assertThat(saved.path("healthDetail").asText())
                .contains("webhook set to " + webhookUrl())
                .contains("3 updates waiting")
                .contains("Telegram's last delivery failed at " + Instant.ofEpochSecond(1795170000L)
                        + ": Wrong response from the webhook: 401 Unauthorized");
    }

    @Test
    void aWebhookTelegramRefusesMarksTheConnectorUnhealthyWithTelegramsReason() throws Exception {
        PROVIDER.stubFor(post(urlEqualTo(bot("setWebhook"))).atPriority(1).willReturn(json(400,
                "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: bad webhook: An HTTPS URL must be"
                        + " provided for webhook\"}")));

        JsonNode saved = putConnector("telegram", connectorBody(botToken));

        assertThat(saved.path("health").asText()).isEqualTo("unhealthy");
        assertThat(saved.path("healthDetail").asText()).contains("An HTTPS URL must be provided for webhook");
    }

    @Test
    void disablingDeletesTheWebhookAndEnablingSetsItAgain() throws Exception {
        HttpResponse<String> disabled = send("POST", "/admin/v1/tenants/" + tenant + "/connectors/telegram/disable",
                OPS, null);
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertThat(json(disabled.body()).path("enabled").asBoolean()).isFalse();
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(bot("deleteWebhook")))
                .withRequestBody(equalToJson("{\"drop_pending_updates\":false}")));
        // a late update of the disabled bot: 200 so Telegram stops retrying, nothing forwarded
        assertThat(postUpdate(update("telegram/inbound/text.json"), webhookSecret).statusCode()).isEqualTo(200);
        assertThat(inbound(1, 1_500)).isEmpty();

        HttpResponse<String> enabled = send("POST", "/admin/v1/tenants/" + tenant + "/connectors/telegram/enable",
                OPS, null);
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
        PROVIDER.verify(2, postRequestedFor(urlEqualTo(bot("setWebhook"))).withRequestBody(equalToJson("""
                {"url":"%s","secret_token":"%s","allowed_updates":%s,"drop_pending_updates":false}"""
                .formatted(webhookUrl(), webhookSecret, ALLOWED_UPDATES))));
        assertThat(connectorView("telegram").path("health").asText()).isEqualTo("ok");
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(bot("deleteWebhook"))));
    }

    @Test
    void offboardingTheTenantDeletesTheWebhook() {
        PROVIDER.verify(0, postRequestedFor(urlEqualTo(bot("deleteWebhook"))));
        HttpResponse<String> offboarded = send("DELETE", "/admin/v1/tenants/" + tenant, OPS, null);
        assertThat(offboarded.statusCode()).as(offboarded.body()).isEqualTo(202);
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(bot("deleteWebhook")))
                .withRequestBody(equalToJson("{\"drop_pending_updates\":false}")));
    }

    @Test
    void aNewWebhookSecretIsRegisteredAndTheOldOneRefusedAtOnce() throws Exception {
        String old = webhookSecret;
        webhookSecret = "rotated_" + UUID.randomUUID().toString().replace("-", "");
        // the bot token is left out: secrets not given are kept
        JsonNode saved = putConnector("telegram", "{\"enabled\":true,\"settings\":{\"botUsername\":"
                + "\"devries_auto_bot\"},\"secrets\":{\"webhookSecret\":\"" + webhookSecret + "\"}}");
        assertThat(saved.path("health").asText()).isEqualTo("ok");
        assertThat(saved.path("secrets").path("botToken").asText()).isEqualTo("***");
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(bot("setWebhook"))).withRequestBody(equalToJson("""
                {"url":"%s","secret_token":"%s","allowed_updates":%s,"drop_pending_updates":false}"""
                .formatted(webhookUrl(), webhookSecret, ALLOWED_UPDATES))));

        String body = update("telegram/inbound/text.json");
        assertThat(postUpdate(body, old).statusCode()).as("the old secret").isEqualTo(401);
        assertThat(postUpdate(body, webhookSecret).statusCode()).isEqualTo(200);
        assertThat(inbound(1, 10_000)).hasSize(1);
    }

    // ---- webhook authentication -----------------------------------------------------------------------

    @Test
    void onlyTheRightSecretHeaderIsAccepted() throws Exception {
        String body = update("telegram/inbound/text.json");
        assertThat(postUpdate(body, null).statusCode()).as("no header").isEqualTo(401);
        assertThat(postUpdate(body, "").statusCode()).as("empty header").isEqualTo(401);
        assertThat(postUpdate(body, flip(webhookSecret)).statusCode()).as("one character off").isEqualTo(401);
        assertThat(postUpdate(body, webhookSecret.substring(1)).statusCode()).as("shorter").isEqualTo(401);
        assertThat(postUpdate(body, webhookSecret + "x").statusCode()).as("longer").isEqualTo(401);
        assertThat(postUpdate(body, webhookSecret.toUpperCase()).statusCode()).as("upper case").isEqualTo(401);
        assertThat(postUpdate(body, botToken).statusCode()).as("the bot token").isEqualTo(401);
        assertThat(inbound(1, 1_500)).as("nothing queued for refused updates").isEmpty();

        assertThat(postUpdate(body, webhookSecret, "text/plain").statusCode()).as("not JSON").isEqualTo(415);
        assertThat(postUpdate("{\"update_id\":", webhookSecret).statusCode()).as("malformed JSON").isEqualTo(400);
        assertThat(inbound(1, 1_000)).isEmpty();

        assertThat(postUpdate(body, webhookSecret).statusCode()).isEqualTo(200);
        assertThat(inbound(1, 10_000)).hasSize(1);
        assertThat(send("POST", "/webhooks/telegram/" + tenant + "-x", null, body).statusCode())
                .as("unknown tenant").isEqualTo(404);
    }

    // ---- inbound -----------------------------------------------------------------------------------------

    @Test
    void aTextUpdateBecomesOneCanonicalMessageOnHubInbound() throws Exception {
        String body = update("telegram/inbound/text.json");
        for (int i = 0; i < 2; i++) { // Telegram redelivers an update it got no 200 for
            assertThat(postUpdate(body, webhookSecret).statusCode()).isEqualTo(200);
        }
        // the same update, bytes laid out anew: the provider id still makes it a repeat
        String reformatted = HubJson.mapper().readTree(body).toPrettyString();
        assertThat(reformatted).isNotEqualTo(body);
        assertThat(postUpdate(reformatted, webhookSecret).statusCode()).isEqualTo(200);

        List<TextMessage> received = inbound(1, 10_000);
        assertThat(received).hasSize(1);
        assertThat(inbound(1, 1_500)).as("a redelivered update is no second message").isEmpty();
        TextMessage jms = received.get(0);
        JsonNode m = json(jms.getText());
        assertThat(UUID.fromString(m.path("id").asText())).isNotNull();
        assertThat(m.path("tenantId").asText()).isEqualTo(tenant);
        assertThat(m.path("channel").asText()).isEqualTo("telegram");
        assertThat(m.path("direction").asText()).isEqualTo("inbound");
        assertThat(m.path("from").path("address").asText()).isEqualTo(chat);
        assertThat(m.path("from").path("name").asText()).isEqualTo("Jan de Vries");
        assertThat(m.hasNonNull("to")).as("a bot's chat has no 'to'").isFalse();
        assertThat(m.path("conversationId").asText()).isEqualTo(ConversationIds.derive(tenant, "telegram", chat));
        assertThat(m.path("providerMessageId").asText()).isEqualTo(chat + ":1365");
        assertThat(Instant.parse(m.path("timestamp").asText())).isEqualTo(Instant.ofEpochSecond(1795169731L));
        assertThat(m.path("content").path("type").asText()).isEqualTo("text");
        assertThat(m.path("content").path("text").asText())
                .isEqualTo("Is de Golf GTI nog beschikbaar? https://dealer.example/golf");
        assertThat(m.hasNonNull("replyTo")).isFalse();
        assertThat(m.path("metadata").path("username").asText()).isEqualTo("jandevries");
        assertThat(jms.getStringProperty("tenantId")).isEqualTo(tenant);
        assertThat(jms.getStringProperty("channel")).isEqualTo("telegram");
        assertThat(jms.getStringProperty("conversationId")).isEqualTo(m.path("conversationId").asText());
        assertThat(jms.getText()).doesNotContain(botToken).doesNotContain(webhookSecret);
    }

    @Test
    void aReplyNamesTheMessageItAnswersAndAnEditNamesTheMessageItChanges() throws Exception {
        assertThat(postUpdate(update("telegram/inbound/text-reply.json"), webhookSecret).statusCode()).isEqualTo(200);
        JsonNode reply = json(inbound(1, 10_000).get(0).getText());
        assertThat(reply.path("providerMessageId").asText()).isEqualTo(chat + ":1367");
        assertThat(reply.path("replyTo").asText()).isEqualTo(chat + ":1366");
        assertThat(reply.path("content").path("text").asText()).isEqualTo("Ja, zaterdag om 10 uur");

        assertThat(postUpdate(update("telegram/inbound/edited-message.json"), webhookSecret).statusCode())
                .isEqualTo(200);
        JsonNode edit = json(inbound(1, 10_000).get(0).getText());
        assertThat(edit.path("providerMessageId").asText()).isEqualTo(chat + ":1365#edit-1795169955");
        assertThat(edit.path("replyTo").asText()).isEqualTo(chat + ":1365");
        assertThat(edit.path("metadata").path("event").asText()).isEqualTo("message_edit");
        assertThat(edit.path("metadata").path("editedMessageId").asText()).isEqualTo(chat + ":1365");
        assertThat(edit.path("content").path("text").asText()).isEqualTo("Is de Golf GTI (2021) nog beschikbaar?");
        assertThat(Instant.parse(edit.path("timestamp").asText())).isEqualTo(Instant.ofEpochSecond(1795169955L));
    }

    @Test
    void aPhotoIsFetchedWithGetFileIntoHubStorageAndPublishedWithoutTheToken() throws Exception {
        byte[] jpeg = new byte[3072];
        for (int i = 0; i < jpeg.length; i++) {
            jpeg[i] = (byte) (i * 31 + 7);
        }
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        jpeg[2] = (byte) 0xFF;
        String filePath = "photos/file_" + digits(4) + ".jpg";
        PROVIDER.stubFor(post(urlEqualTo(bot("getFile"))).willReturn(okJson(fixture("telegram/outbound/get-file.json")
                .replace("photos/file_12.jpg", filePath))));
        // Telegram's file server labels most files application/octet-stream: the update's type is the better one
        PROVIDER.stubFor(get(urlEqualTo("/file/bot" + botToken + "/" + filePath)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/octet-stream").withBody(jpeg)));

        assertThat(postUpdate(update("telegram/inbound/photo.json"), webhookSecret).statusCode()).isEqualTo(200);

        List<TextMessage> received = inbound(1, 15_000);
        assertThat(received).hasSize(1);
        JsonNode m = json(received.get(0).getText());
        assertThat(m.path("providerMessageId").asText()).isEqualTo(chat + ":1368");
        assertThat(m.path("from").path("address").asText()).isEqualTo(chat);
        JsonNode content = m.path("content");
        assertThat(content.path("type").asText()).isEqualTo("media");
        assertThat(content.path("mediaType").asText()).isEqualTo("image");
        assertThat(content.path("mimeType").asText()).isEqualTo("image/jpeg");
        assertThat(content.path("caption").asText()).isEqualTo("Schade aan de bumper");
        assertThat(content.path("sizeBytes").asLong()).isEqualTo(jpeg.length);
        String url = content.path("url").asText();
        assertThat(url).startsWith(PUBLIC_BASE + "/api/v1/tenants/" + tenant + "/media/")
                .doesNotContain(PROVIDER.baseUrl()).doesNotContain("/file/bot");
        HttpResponse<byte[]> media = getPublished(url, PLATFORM);
        assertThat(media.statusCode()).isEqualTo(200);
        assertThat(media.body()).isEqualTo(jpeg);
        // the largest size of the photo was asked for, once, and downloaded once
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(bot("getFile")))
                .withRequestBody(equalToJson("{\"file_id\":\"AgACAgQAAxkBAAIBZ2dR-large\"}")));
        PROVIDER.verify(1, getRequestedFor(urlEqualTo("/file/bot" + botToken + "/" + filePath)));
        String published = received.get(0).getText();
        assertThat(published).doesNotContain(botToken).doesNotContain(botToken.substring(botToken.indexOf(':') + 1))
                .doesNotContain(filePath).doesNotContain(PROVIDER.baseUrl());
    }

    @Test
    void aDocumentKeepsItsNameAndTheTypeTheUpdateGave() throws Exception {
        byte[] pdf = "%PDF-1.7\n% offerte\n".repeat(200).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String filePath = "documents/file_" + digits(4) + ".pdf";
        PROVIDER.stubFor(post(urlEqualTo(bot("getFile"))).withRequestBody(equalToJson(
                "{\"file_id\":\"BQACAgQAAxkBAAIBaGdR-doc\"}")).willReturn(okJson("{\"ok\":true,\"result\":{"
                + "\"file_id\":\"BQACAgQAAxkBAAIBaGdR-doc\",\"file_unique_id\":\"AgADdBgAAu\",\"file_size\":"
                + pdf.length + ",\"file_path\":\"" + filePath + "\"}}")));
        PROVIDER.stubFor(get(urlEqualTo("/file/bot" + botToken + "/" + filePath)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/octet-stream").withBody(pdf)));

        assertThat(postUpdate(update("telegram/inbound/document.json"), webhookSecret).statusCode()).isEqualTo(200);

        JsonNode content = json(inbound(1, 15_000).get(0).getText()).path("content");
        assertThat(content.path("type").asText()).isEqualTo("media");
        assertThat(content.path("mediaType").asText()).isEqualTo("document");
        assertThat(content.path("mimeType").asText()).isEqualTo("application/pdf");
        assertThat(content.path("filename").asText()).isEqualTo("offerte-golf.pdf");
        assertThat(content.path("caption").asText()).isEqualTo("Offerte");
        assertThat(content.path("sizeBytes").asLong()).isEqualTo(pdf.length);
        assertThat(getPublished(content.path("url").asText(), PLATFORM).body()).isEqualTo(pdf);
    }

    @Test
    void aButtonTapIsAChoiceResponseAndTheHubAnswersTheCallbackQuery() throws Exception {
        String body = update("telegram/inbound/callback-query.json");
        for (int i = 0; i < 2; i++) {
            assertThat(postUpdate(body, webhookSecret).statusCode()).isEqualTo(200);
        }
        List<TextMessage> received = inbound(1, 10_000);
        assertThat(received).hasSize(1);
        JsonNode m = json(received.get(0).getText());
        assertThat(m.path("tenantId").asText()).isEqualTo(tenant);
        assertThat(m.path("channel").asText()).isEqualTo("telegram");
        assertThat(m.path("direction").asText()).isEqualTo("inbound");
        assertThat(m.path("from").path("address").asText()).isEqualTo(chat);
        assertThat(m.path("providerMessageId").asText()).isEqualTo("callback:3135896420398127583");
        assertThat(m.path("replyTo").asText()).isEqualTo(chat + ":1380");
        assertThat(m.path("content").path("type").asText()).isEqualTo("choice_response");
        assertThat(m.path("content").path("id").asText()).isEqualTo("slot-mon-14");
        assertThat(m.path("content").path("title").asText()).isEqualTo("Maandag 14:00");
        assertThat(m.path("metadata").path("callbackQueryId").asText()).isEqualTo("3135896420398127583");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> PROVIDER.verify(1,
                postRequestedFor(urlEqualTo(bot("answerCallbackQuery")))
                        .withRequestBody(equalToJson("{\"callback_query_id\":\"3135896420398127583\"}"))));
        assertThat(inbound(1, 1_000)).as("the repeat of the tap is no second message").isEmpty();
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(bot("answerCallbackQuery"))));
    }

    @Test
    void aGroupMessageIsNotTheHubsAndReachesNobody() throws Exception {
        String group = fixture("telegram/inbound/group-message.json");
        assertThat(postUpdate(group, webhookSecret).statusCode()).isEqualTo(200);
        assertThat(inbound(1, 2_000)).isEmpty();
        assertThat(jdbc.sql("select count(*) from messages where tenant_id = ?").param(tenant).query(Long.class)
                .single()).isZero();
        assertThat(jdbc.sql("select count(*) from dead_letters where tenant_id = ?").param(tenant).query(Long.class)
                .single()).as("ignored, not failed").isZero();
    }

    // ---- consent: blocking the bot ---------------------------------------------------------------------

    @Test
    void blockingTheBotIsAnOptOutThatStopsSendsAndUnblockingAnOptIn() throws Exception {
        String blocked = update("telegram/inbound/my-chat-member-blocked.json");
        for (int i = 0; i < 2; i++) {
            assertThat(postUpdate(blocked, webhookSecret).statusCode()).isEqualTo(200);
        }
        List<TextMessage> optOut = consentEvents(2, 5_000);
        assertThat(optOut).as("Telegram's repeat is no second event").hasSize(1);
        assertThat(optOut.get(0).getStringProperty("type")).isEqualTo("consent_changed");
        assertThat(optOut.get(0).getStringProperty("channel")).isEqualTo("telegram");
        JsonNode e = json(optOut.get(0).getText());
        assertThat(e.path("type").asText()).isEqualTo("consent_changed");
        assertThat(e.path("tenantId").asText()).isEqualTo(tenant);
        assertThat(e.path("channel").asText()).isEqualTo("telegram");
        assertThat(e.path("contact").asText()).isEqualTo(chat);
        assertThat(e.path("consent").asText()).isEqualTo("opted_out");
        assertThat(e.path("consentScope").asText()).isEqualTo("all");
        assertThat(e.path("providerEventId").asText()).isEqualTo(chat + "#my_chat_member-815302132");
        assertThat(e.path("conversationId").asText()).isEqualTo(ConversationIds.derive(tenant, "telegram", chat));
        assertThat(e.path("details").path("oldStatus").asText()).isEqualTo("member");
        assertThat(e.path("details").path("newStatus").asText()).isEqualTo("kicked");
        assertThat(Instant.parse(e.path("timestamp").asText())).isEqualTo(Instant.ofEpochSecond(1795170000L));
        assertThat(consent()).isEqualTo("opted_out");
        assertThat(inbound(1, 500)).as("a block is no chat message").isEmpty();

        String refused = submitAccepted(text("Nog interesse in de Golf?"));
        List<JsonNode> rejected = events("rejected", 1, 10_000);
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).path("messageId").asText()).isEqualTo(refused);
        assertThat(rejected.get(0).path("reason").path("code").asText()).isEqualTo("opted_out");
        assertThat(statusOf(refused)).isEqualTo("rejected");
        PROVIDER.verify(0, postRequestedFor(urlEqualTo(bot("sendMessage"))));

        assertThat(postUpdate(update("telegram/inbound/my-chat-member-unblocked.json"), webhookSecret).statusCode())
                .isEqualTo(200);
        List<TextMessage> optIn = consentEvents(1, 5_000);
        assertThat(optIn).hasSize(1);
        JsonNode in = json(optIn.get(0).getText());
        assertThat(in.path("consent").asText()).isEqualTo("opted_in");
        assertThat(in.path("contact").asText()).isEqualTo(chat);
        assertThat(in.path("details").path("oldStatus").asText()).isEqualTo("kicked");
        assertThat(in.path("details").path("newStatus").asText()).isEqualTo("member");
        assertThat(consent()).isEqualTo("opted_in");

        String sent = submitAccepted(text("Welkom terug!"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(sent)));
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(bot("sendMessage"))).withRequestBody(equalToJson(
                "{\"chat_id\":" + chat + ",\"text\":\"Welkom terug!\"}")));
    }

    // ---- outbound ----------------------------------------------------------------------------------------

    @Test
    void aTextIsSentWithSendMessageAndItsStatusesFollow() throws Exception {
        String id = submitAccepted("{\"channel\":\"telegram\",\"to\":\"" + chat + "\",\"content\":{\"type\":\"text\","
                + "\"text\":\"Ja, hij is er nog.\"},\"metadata\":{\"leadId\":\"L-7\"}}");

        List<JsonNode> events = events(null, 2, 10_000);
        assertThat(events).extracting(e -> e.path("status").asText()).containsExactly("accepted", "sent");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.path("messageId").asText()).isEqualTo(id);
            assertThat(e.path("channel").asText()).isEqualTo("telegram");
            assertThat(e.path("metadata").path("leadId").asText()).isEqualTo("L-7");
        });
        assertThat(events.get(1).path("providerMessageId").asText()).isEqualTo(chat + ":1401");
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(bot("sendMessage")))
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.equalTo("application/json"))
                .withRequestBody(equalToJson("{\"chat_id\":" + chat + ",\"text\":\"Ja, hij is er nog.\"}")));
        JsonNode sent = json(lastBody("sendMessage"));
        assertThat(sent.path("chat_id").isIntegralNumber()).isTrue();
        assertThat(sent.path("chat_id").asText()).isEqualTo(chat);
        assertThat(sent.path("text").asText()).isEqualTo("Ja, hij is er nog.");
        JsonNode view = view(id);
        assertThat(view.path("status").asText()).isEqualTo("sent");
        assertThat(view.path("providerMessageId").asText()).isEqualTo(chat + ":1401");
        assertThat(view.path("history")).extracting(h -> h.path("status").asText()).containsExactly("accepted", "sent");
    }

    @Test
    void aTextOverTelegramsLimitGoesAsSeveralMessagesInOrder() throws Exception {
        String first = ("Eerste alinea. " + "woord ".repeat(600)).strip();
        String second = ("Tweede alinea. " + "zin ".repeat(300)).strip();
        assertThat(first.length()).isLessThanOrEqualTo(4096);
        assertThat(first.length() + 2 + second.length()).isGreaterThan(4096);
        String id = submitAccepted(text(first + "\\n\\n" + second));
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(id)));
        List<String> texts = new ArrayList<>();
        List<ServeEvent> events = new ArrayList<>(PROVIDER.getAllServeEvents());
        Collections.reverse(events);
        for (ServeEvent e : events) {
            if (e.getRequest().getUrl().equals(bot("sendMessage"))) {
                JsonNode body = json(e.getRequest().getBodyAsString());
                assertThat(body.path("chat_id").asText()).isEqualTo(chat);
                texts.add(body.path("text").asText());
            }
        }
        assertThat(texts).containsExactly(first, second);
        assertThat(view(id).path("providerMessageId").asText()).isEqualTo(chat + ":1401");
    }

    @Test
    void aChoiceIsAnInlineKeyboardOneButtonPerRow() throws Exception {
        String id = submitAccepted("{\"channel\":\"telegram\",\"to\":\"" + chat + "\",\"content\":{\"type\":\"choice\","
                + "\"text\":\"Wanneer wilt u langskomen?\",\"choices\":[{\"id\":\"slot-sat-10\",\"title\":\"Zaterdag 10:00\"},"
                + "{\"id\":\"slot-mon-14\",\"title\":\"Maandag 14:00\"}]}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(id)));
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(bot("sendMessage"))).withRequestBody(equalToJson("""
                {"chat_id":%s,"text":"Wanneer wilt u langskomen?","reply_markup":{"inline_keyboard":[
                  [{"text":"Zaterdag 10:00","callback_data":"slot-sat-10"}],
                  [{"text":"Maandag 14:00","callback_data":"slot-mon-14"}]]}}""".formatted(chat))));
        JsonNode keyboard = json(lastBody("sendMessage")).path("reply_markup").path("inline_keyboard");
        assertThat(keyboard).hasSize(2);
        assertThat(keyboard.get(0)).hasSize(1);
        assertThat(keyboard.get(0).get(0).path("callback_data").asText()).isEqualTo("slot-sat-10");
        assertThat(keyboard.get(1).get(0).path("text").asText()).isEqualTo("Maandag 14:00");
    }

    @Test
    void aReplyNamingTheHubIdOfAnInboundMessageQuotesItInTheChat() throws Exception {
        assertThat(postUpdate(update("telegram/inbound/text.json"), webhookSecret).statusCode()).isEqualTo(200);
        String inboundId = json(inbound(1, 10_000).get(0).getText()).path("id").asText();
        String id = submitAccepted("{\"channel\":\"telegram\",\"to\":\"" + chat + "\",\"replyTo\":\"" + inboundId
                + "\",\"content\":{\"type\":\"text\",\"text\":\"Ja, hij is er nog.\"}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(id)));
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(bot("sendMessage"))).withRequestBody(equalToJson("""
                {"chat_id":%s,"text":"Ja, hij is er nog.",
                 "reply_parameters":{"message_id":1365,"allow_sending_without_reply":true}}""".formatted(chat))));
    }

    @Test
    void anImageIsSentWithSendPhotoByItsUrl() throws Exception {
        PROVIDER.stubFor(post(urlEqualTo(bot("sendPhoto"))).willReturn(okJson(
                fixture("telegram/outbound/send-photo-ok.json").replace(FIXTURE_CHAT, chat))));
        String id = submitAccepted("{\"channel\":\"telegram\",\"to\":\"" + chat + "\",\"content\":{\"type\":"
                + "\"media\",\"mediaType\":\"image\",\"url\":\"https://cdn.example.com/golf.jpg\","
                + "\"caption\":\"De Golf GTI\"}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(id)));
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(bot("sendPhoto"))).withRequestBody(equalToJson("""
                {"chat_id":%s,"photo":"https://cdn.example.com/golf.jpg","caption":"De Golf GTI"}""".formatted(chat))));
        assertThat(view(id).path("providerMessageId").asText()).isEqualTo(chat + ":1402");
        PROVIDER.verify(0, postRequestedFor(urlEqualTo(bot("sendMessage"))));
    }

    @Test
    void aTokenRevokedSinceTheSaveFailsTheSendAndMarksTheConnectorUnhealthy() throws Exception {
        PROVIDER.stubFor(post(urlEqualTo(bot("sendMessage"))).atPriority(1).willReturn(json(401,
                fixture("telegram/outbound/error-401-unauthorized.json"))));
        String id = submitAccepted(text("Hallo"));
        List<JsonNode> failed = events("failed", 1, 10_000);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).path("messageId").asText()).isEqualTo(id);
        assertThat(failed.get(0).path("reason").path("code").asText()).isEqualTo("authentication_failed");
        assertThat(failed.get(0).toString()).doesNotContain(botToken);
        await().atMost(Duration.ofSeconds(5)).until(() -> "unhealthy".equals(connectorView("telegram").path("health")
                .asText()));
        JsonNode view = connectorView("telegram");
        assertThat(view.toString()).doesNotContain(botToken).doesNotContain(botToken.substring(botToken.indexOf(':') + 1));
        assertThat(view.path("healthDetail").asText()).contains("sendMessage").contains("401");
    }

    @Test
    void aBotThePersonBlockedFailsAsOptedOutAndTheOptOutIsRecorded() throws Exception {
        PROVIDER.stubFor(post(urlEqualTo(bot("sendMessage"))).atPriority(1).willReturn(json(403,
                fixture("telegram/outbound/error-403-blocked.json"))));
        String id = submitAccepted(text("Nog interesse?"));
        List<JsonNode> failed = events("failed", 1, 10_000);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).path("messageId").asText()).isEqualTo(id);
        assertThat(failed.get(0).path("reason").path("code").asText()).isEqualTo("opted_out");
        assertThat(failed.get(0).path("reason").path("providerCode").asText()).isEqualTo("403");
        assertThat(failed.get(0).path("reason").path("retryable").asBoolean()).isFalse();
        assertThat(failed.get(0).toString()).doesNotContain(botToken);
        Thread.sleep(700); // time in which a retry would have happened
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(bot("sendMessage"))));
        assertThat(consent()).isEqualTo("opted_out");

        String next = submitAccepted(text("Hallo?"));
        assertThat(events("rejected", 1, 10_000)).extracting(e -> e.path("reason").path("code").asText())
                .containsExactly("opted_out");
        assertThat(statusOf(next)).isEqualTo("rejected");
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(bot("sendMessage"))));
    }

    @Test
    void anUnknownChatFailsAsInvalidAddressWithoutRetry() throws Exception {
        PROVIDER.stubFor(post(urlEqualTo(bot("sendMessage"))).atPriority(1).willReturn(json(400,
                fixture("telegram/outbound/error-400-chat-not-found.json"))));
        String id = submitAccepted(text("Hallo"));
        List<JsonNode> failed = events("failed", 1, 10_000);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).path("messageId").asText()).isEqualTo(id);
        assertThat(failed.get(0).path("reason").path("code").asText()).isEqualTo("invalid_address");
        assertThat(failed.get(0).path("reason").path("providerCode").asText()).isEqualTo("400");
        assertThat(failed.get(0).path("reason").path("retryable").asBoolean()).isFalse();
        Thread.sleep(700);
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(bot("sendMessage"))));
        assertThat(connectorView("telegram").path("health").asText()).as("one chat's problem, not the bot's")
                .isEqualTo("ok");
    }

    @Test
    void aRateLimitIsRetriedAfterTelegramsRetryAfter() throws Exception {
        String scenario = "flood-" + tenant;
        PROVIDER.stubFor(post(urlEqualTo(bot("sendMessage"))).atPriority(1).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("limited")
                .willReturn(json(429, fixture("telegram/outbound/error-429-retry-after.json")
                        .replace("retry after 17", "retry after 1").replace("\"retry_after\": 17", "\"retry_after\": 1"))));
        long started = System.nanoTime();
        String id = submitAccepted(text("Even geduld"));
        await().atMost(Duration.ofSeconds(15)).until(() -> "sent".equals(statusOf(id)));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited retry_after")
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
        PROVIDER.verify(2, postRequestedFor(urlEqualTo(bot("sendMessage"))).withRequestBody(equalToJson(
                "{\"chat_id\":" + chat + ",\"text\":\"Even geduld\"}")));
        assertThat(view(id).path("providerMessageId").asText()).isEqualTo(chat + ":1401");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    String bot(String method) {
        return "/bot" + botToken + "/" + method;
    }

    String webhookUrl() {
        return PUBLIC_BASE + "/webhooks/telegram/" + tenant;
    }

    String connectorBody(String token) {
        return HubJson.mapper().createObjectNode().put("enabled", true)
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("settings", HubJson.mapper().createObjectNode()
                        .put("botUsername", "devries_auto_bot"))
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("secrets", HubJson.mapper().createObjectNode()
                        .put("botToken", token).put("webhookSecret", webhookSecret))
                .toString();
    }

    /** A fixture update in this test's chat. */
    String update(String fixture) {
        return fixture(fixture).replace(FIXTURE_CHAT, chat);
    }

    String text(String text) {
        return "{\"channel\":\"telegram\",\"to\":\"" + chat + "\",\"content\":{\"type\":\"text\",\"text\":\"" + text
                + "\"}}";
    }

    String consent() {
        return jdbc.sql("select consent from contacts where tenant_id = ? and channel = 'telegram' and address = ?")
                .params(tenant, chat).query(String.class).single();
    }

    List<TextMessage> consentEvents(int count, long timeoutMillis) throws Exception {
        return receive(platform, "hub.events", "tenantId = '" + tenant + "' AND type = 'consent_changed'", count,
                timeoutMillis);
    }

    /** The Bot API methods this test's bot was called with, oldest first. */
    List<String> botCalls() {
        String prefix = "/bot" + botToken + "/";
        List<ServeEvent> events = new ArrayList<>(PROVIDER.getAllServeEvents());
        Collections.reverse(events); // WireMock lists the newest first
        return events.stream().map(e -> e.getRequest().getUrl()).filter(u -> u.startsWith(prefix))
                .map(u -> u.substring(prefix.length())).toList();
    }

    String lastBody(String method) {
        return PROVIDER.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals(bot(method)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + method + " call")).getRequest()
                .getBodyAsString();
    }

    HttpResponse<String> postUpdate(String body, String secret) {
        return postUpdate(body, secret, "application/json");
    }

    /** A POST as Telegram makes it: the secret_token given to setWebhook in the header, the Update as JSON. */
    HttpResponse<String> postUpdate(String body, String secret, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/webhooks/telegram/" + tenant)))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header(WEBHOOK_HEADER, secret);
        }
        return call(request.build());
    }

    static String flip(String s) {
        char[] c = s.toCharArray();
        c[c.length / 2] = c[c.length / 2] == 'a' ? 'b' : 'a';
        return new String(c);
    }

    static ResponseDefinitionBuilder okJson(String body) {
        return json(200, body);
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}

package io.channelhub.app.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.channelhub.app.media.MediaStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.TextMessage;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The WhatsApp connector end to end through the running hub: Meta's webhooks (handshake, signed events,
 * media, batches, retries, statuses) in, the Graph API (a WireMock fake) out, the core platform's JMS
 * client over TCP and the REST API on the other side. Payloads are Meta's documented shapes (fixtures
 * copied from the connector's own tests); the Graph API version is the hub's default.
 */
class WhatsAppEndToEndTest extends ChannelHubTest {
    static final String VERSION = "v26.0";
    /** The phone number id in the fixtures, replaced by each test's own. */
    static final String FIXTURE_PHONE_NUMBER_ID = "106540352242922";
    static final String FIXTURE_OTHER_PHONE_NUMBER_ID = "106540352249999";
    /** The WhatsApp Business Account id of the fixtures' entries. */
    static final String FIXTURE_WABA_ID = "102290129340398";
    static final String FIXTURE_BSUID = "NL.1502576394655843";
    static final String CONTACT = "+31612345678";

    @Autowired
    MediaStore mediaStore;
    @Autowired
    MeterRegistry meters;

    String phoneNumberId;
    String wabaId;
    String accessToken;
    String appSecret;
    String verifyToken;

    @BeforeEach
    void tenantWithWhatsApp() throws Exception {
        phoneNumberId = digits(15);
        wabaId = digits(15);
        accessToken = "EAAG" + UUID.randomUUID().toString().replace("-", "");
        appSecret = "app-secret-" + tenant;
        verifyToken = "verify-" + tenant;
        createTenant();
        // The credential check on save: GET /{version}/{phone-number-id}?fields=id with the tenant's token.
        PROVIDER.stubFor(get(urlEqualTo("/" + VERSION + "/" + phoneNumberId + "?fields=id"))
                .withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(okJson("{\"id\":\"" + phoneNumberId + "\"}")));
        // Sends answer as Meta does, each with a fresh wamid.
        PROVIDER.stubFor(post(urlEqualTo(messagesPath()))
                .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"{{jsonPath request.body '$.to'}}\","
                        + "\"wa_id\":\"{{jsonPath request.body '$.to'}}\"}],\"messages\":[{\"id\":\"wamid.HBgL"
                        + "{{randomValue length=32 type='ALPHANUMERIC'}}\",\"message_status\":\"accepted\"}]}")
                        .withTransformers("response-template")));
        JsonNode saved = putConnector("whatsapp", "{\"enabled\":true,\"settings\":{\"phoneNumberId\":\"" + phoneNumberId
                + "\",\"wabaId\":\"" + wabaId + "\"},\"secrets\":{\"accessToken\":\"" + accessToken + "\",\"appSecret\":\""
                + appSecret + "\",\"verifyToken\":\"" + verifyToken + "\"}}");
        assertThat(saved.path("enabled").asBoolean()).isTrue();
        assertThat(saved.path("health").asText()).isEqualTo("ok");
        assertThat(saved.path("settings").path("phoneNumberId").asText()).isEqualTo(phoneNumberId);
        assertThat(saved.path("settings").path("wabaId").asText()).isEqualTo(wabaId);
        assertThat(saved.path("secrets").path("accessToken").asText()).isEqualTo("***");
        assertThat(saved.path("secrets").path("appSecret").asText()).isEqualTo("***");
        assertThat(saved.path("secrets").path("verifyToken").asText()).isEqualTo("***");
        assertThat(saved.toString()).doesNotContain(accessToken).doesNotContain(appSecret).doesNotContain(verifyToken);
        assertThat(saved.path("webhookUrl").asText()).isEqualTo(PUBLIC_BASE + "/webhooks/whatsapp/" + tenant);
    }

    // ---- webhook subscription and signed events --------------------------------------------------------

    @Test
    void verificationHandshakeEchoesTheChallengeOnlyForTheRightToken() {
        String query = "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=";
        HttpResponse<String> ok = send("GET", "/webhooks/whatsapp/" + tenant + query + verifyToken, null, null);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(send("GET", "/webhooks/whatsapp/" + tenant + query + "wrong-token", null, null).statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/webhooks/whatsapp/" + tenant + "?hub.mode=unsubscribe&hub.challenge=1&hub.verify_token="
                + verifyToken, null, null).statusCode()).isEqualTo(403);
        // The platform-wide URL answers for whichever tenant's verify token matches.
        HttpResponse<String> platformWide = send("GET", "/webhooks/whatsapp" + query + verifyToken, null, null);
        assertThat(platformWide.statusCode()).isEqualTo(200);
        assertThat(platformWide.body()).isEqualTo("1158201444");
        assertThat(send("GET", "/webhooks/whatsapp" + query + "nobody-has-this", null, null).statusCode())
                .isEqualTo(403);
    }

    @Test
    void signedTextWebhookBecomesOneCanonicalMessageOnHubInbound() throws Exception {
        String body = webhook("whatsapp/text.json");
        assertThat(postUnsigned("/webhooks/whatsapp/" + tenant, body).statusCode()).isEqualTo(401);
        assertThat(postSigned("/webhooks/whatsapp/" + tenant, body, "not-the-app-secret").statusCode()).isEqualTo(401);
        HttpResponse<String> r = postSigned("/webhooks/whatsapp/" + tenant, body, appSecret);
        assertThat(r.statusCode()).isEqualTo(200);

        List<TextMessage> received = inbound(1, 10_000);
        assertThat(received).hasSize(1);
        assertThat(inbound(1, 1_500)).isEmpty();
        TextMessage jms = received.get(0);
        JsonNode m = json(jms.getText());
        assertThat(UUID.fromString(m.path("id").asText())).isNotNull();
        assertThat(m.path("tenantId").asText()).isEqualTo(tenant);
        assertThat(m.path("channel").asText()).isEqualTo("whatsapp");
        assertThat(m.path("direction").asText()).isEqualTo("inbound");
        assertThat(m.path("from").path("address").asText()).isEqualTo(CONTACT);
        assertThat(m.path("from").path("name").asText()).isEqualTo("Jan de Vries");
        assertThat(m.path("to").path("address").asText()).isEqualTo("+15550783881");
        assertThat(m.path("conversationId").asText()).isNotBlank();
        assertThat(m.path("providerMessageId").asText())
                .isEqualTo("wamid.HBgLMzE2MTIzNDU2NzgVAgASGBQzQUI4RkE5RTlGNjQ3RDY0QTM31");
        assertThat(m.path("timestamp").asText()).isEqualTo(Instant.ofEpochSecond(1795169731L).toString());
        assertThat(m.path("content").path("type").asText()).isEqualTo("text");
        assertThat(m.path("content").path("text").asText()).isEqualTo("Is de auto nog beschikbaar?");
        assertThat(m.path("replyTo").isMissingNode() || m.path("replyTo").isNull()).isTrue();
        assertThat(jms.getStringProperty("tenantId")).isEqualTo(tenant);
        assertThat(jms.getStringProperty("channel")).isEqualTo("whatsapp");
        assertThat(jms.getStringProperty("conversationId")).isEqualTo(m.path("conversationId").asText());
        assertThat(jms.getStringProperty("JMSXGroupID")).isEqualTo(m.path("conversationId").asText());
    }

    @Test
    void aSignedEventOfAnotherMediaTypeIs415AndQueuesNothing() throws Exception {
        String body = webhook("whatsapp/text.json");
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/xml")) {
            HttpResponse<String> r = postSigned("/webhooks/whatsapp/" + tenant, body, appSecret, type);
            assertThat(r.statusCode()).as(type).isEqualTo(415);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(json(r.body()).path("detail").asText()).isEqualTo("this webhook takes application/json, not " + type);
        }
        assertThat(postSigned("/webhooks/whatsapp", body, appSecret, "text/plain").statusCode()).isEqualTo(415);
        assertThat(inbound(1, 1_500)).isEmpty();
        assertThat(postSigned("/webhooks/whatsapp/" + tenant, body, appSecret, "Application/JSON; charset=UTF-8")
                .statusCode()).isEqualTo(200);
        assertThat(inbound(1, 10_000)).hasSize(1);
    }

    @Test
    void metaRetryingTheSamePostProducesOneCanonicalMessage() throws Exception {
        String body = webhook("whatsapp/text.json");
        for (int i = 0; i < 3; i++) {
            assertThat(postSigned("/webhooks/whatsapp/" + tenant, body, appSecret).statusCode()).isEqualTo(200);
        }
        // The same message in a re-serialized envelope (other bytes, same wamid) is a duplicate too.
        String reformatted = json(body).toString();
        assertThat(reformatted).isNotEqualTo(body);
        assertThat(postSigned("/webhooks/whatsapp/" + tenant, reformatted, appSecret).statusCode()).isEqualTo(200);
        assertThat(inbound(1, 10_000)).hasSize(1);
        assertThat(inbound(1, 2_000)).isEmpty();
    }

    @Test
    void platformWideWebhookFindsTheTenantByPhoneNumberId() throws Exception {
        HttpResponse<String> r = postSigned("/webhooks/whatsapp", webhook("whatsapp/text.json"), appSecret);
        assertThat(r.statusCode()).isEqualTo(200);
        List<TextMessage> received = inbound(1, 5_000);
        assertThat(received).hasSize(1);
        JsonNode m = json(received.get(0).getText());
        assertThat(m.path("tenantId").asText()).isEqualTo(tenant);
        assertThat(m.path("from").path("address").asText()).isEqualTo(CONTACT);

        String unknown = fixture("whatsapp/text.json").replace(FIXTURE_PHONE_NUMBER_ID, digits(15));
        assertThat(postSigned("/webhooks/whatsapp", unknown, appSecret).statusCode()).isEqualTo(404);
        assertThat(postSigned("/webhooks/whatsapp", webhook("whatsapp/text.json"), "wrong").statusCode())
                .isEqualTo(401);
    }

    /**
     * Meta's account, template, quality and capability updates name only the WhatsApp Business Account
     * (entry[].id), no phone number: queued for the tenant whose connector has that wabaId; for a business
     * account no tenant has, still 200 (they carry no consumer message) and counted as unattributed.
     */
    @Test
    void platformWideAccountEventsAreAnswered200AndCountedWhenNoTenantHasTheirBusinessAccount() throws Exception {
        for (String fixture : List.of("account-update-verified.json", "phone-number-quality-update.json",
                "business-capability-update.json", "template-status-update.json")) {
            String ours = fixture("whatsapp/" + fixture).replace(FIXTURE_WABA_ID, wabaId);
            double unattributed = unattributedWebhookEvents();
            assertThat(postSigned("/webhooks/whatsapp", ours, appSecret).statusCode()).as(fixture).isEqualTo(200);
            assertThat(unattributedWebhookEvents()).as(fixture).isEqualTo(unattributed);

            String nobodys = fixture("whatsapp/" + fixture).replace(FIXTURE_WABA_ID, digits(15));
            assertThat(postSigned("/webhooks/whatsapp", nobodys, appSecret).statusCode()).as(fixture).isEqualTo(200);
            assertThat(unattributedWebhookEvents()).as(fixture).isEqualTo(unattributed + 1);

            assertThat(postSigned("/webhooks/whatsapp", ours, "not-the-app-secret").statusCode()).isEqualTo(401);
            assertThat(postSigned("/webhooks/whatsapp", nobodys, "not-the-app-secret").statusCode()).isEqualTo(401);
            assertThat(postUnsigned("/webhooks/whatsapp", nobodys).statusCode()).isEqualTo(401);
        }
        assertThat(inbound(1, 1_500)).isEmpty();
        assertThat(events(null, 1, 500)).isEmpty();
    }

    /** The template update of a batch is not a reason to refuse the messages beside it. */
    @Test
    void platformWideBatchOfMessagesAndAnAccountEventDeliversTheMessagesOnce() throws Exception {
        String body = webhook("whatsapp/batch-multi-entry.json").replace(FIXTURE_WABA_ID, wabaId);
        assertThat(postSigned("/webhooks/whatsapp", body, appSecret).statusCode()).isEqualTo(200);
        assertThat(inbound(3, 5_000)).extracting(t -> json(t.getText()).path("content").path("text").asText())
                .containsExactlyInAnyOrder("Eerste", "Tweede");
    }

    @Test
    void inboundImageIsFetchedFromGraphIntoHubStorage() throws Exception {
        String mediaId = digits(16);
        byte[] jpeg = new byte[4096];
        for (int i = 0; i < jpeg.length; i++) {
            jpeg[i] = (byte) (i * 31 + 7);
        }
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        jpeg[2] = (byte) 0xFF;
        String downloadPath = "/whatsapp_business/attachments/?mid=" + mediaId + "&ext=1795169730&hash=ATsL4x1jWbb";
        PROVIDER.stubFor(get(urlEqualTo("/" + VERSION + "/" + mediaId))
                .withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"url\":\"" + PROVIDER.baseUrl() + downloadPath
                        + "\",\"mime_type\":\"image/jpeg\",\"sha256\":\"o1ReUdgqXTXjIhP6NnIMQpakK0JzkR7fJvcN0u0GKyE=\","
                        + "\"file_size\":" + jpeg.length + ",\"id\":\"" + mediaId + "\"}")));
        PROVIDER.stubFor(get(urlEqualTo(downloadPath))
                .withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/jpeg").withBody(jpeg)));

        String body = webhook("whatsapp/image.json").replace("1306893950859432", mediaId);
        assertThat(postSigned("/webhooks/whatsapp/" + tenant, body, appSecret).statusCode()).isEqualTo(200);

        List<TextMessage> received = inbound(1, 10_000);
        assertThat(received).hasSize(1);
        JsonNode m = json(received.get(0).getText());
        assertThat(m.path("providerMessageId").asText())
                .isEqualTo("wamid.HBgLMzE2MTIzNDU2NzgVAgASGBQzQUI4RkE5RTlGNjQ3RDY0QTM32");
        JsonNode content = m.path("content");
        assertThat(content.path("type").asText()).isEqualTo("media");
        assertThat(content.path("mediaType").asText()).isEqualTo("image");
        assertThat(content.path("mimeType").asText()).isEqualTo("image/jpeg");
        assertThat(content.path("caption").asText()).isEqualTo("Kras op de deur");
        assertThat(content.path("sizeBytes").asLong()).isEqualTo(jpeg.length);
        String url = content.path("url").asText();
        assertThat(url).startsWith(PUBLIC_BASE + "/api/v1/tenants/" + tenant + "/media/")
                .doesNotContain(PROVIDER.baseUrl()).doesNotContain("whatsapp_business");
        assertThat(m.path("metadata").path("mediaErrors").isMissingNode()).isTrue();

        HttpResponse<byte[]> media = getPublished(url, PLATFORM);
        assertThat(media.statusCode()).isEqualTo(200);
        assertThat(media.body()).isEqualTo(jpeg);
        assertThat(media.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(getPublished(url, null).statusCode()).isEqualTo(401);
        PROVIDER.verify(1, getRequestedFor(urlEqualTo("/" + VERSION + "/" + mediaId))
                .withHeader("Authorization", equalTo("Bearer " + accessToken)));
        PROVIDER.verify(1, getRequestedFor(urlEqualTo(downloadPath))
                .withHeader("Authorization", equalTo("Bearer " + accessToken)));

        // Erasing the contact erases the media it sent: the record and the stored file.
        String storedId = url.substring(url.lastIndexOf('/') + 1);
        assertThat(mediaStore.open(tenant, storedId)).isPresent().get().satisfies(InputStream::close);
        HttpResponse<String> erased = send("DELETE", "/admin/v1/tenants/" + tenant + "/contacts/%2B31612345678", OPS,
                null);
        assertThat(erased.statusCode()).isEqualTo(200);
        assertThat(json(erased.body()).path("messagesErased").asInt()).isEqualTo(1);
        assertThat(json(erased.body()).path("mediaErased").asInt()).isEqualTo(1);
        assertThat(getPublished(url, PLATFORM).statusCode()).isEqualTo(404);
        assertThat(mediaStore.open(tenant, storedId)).isEmpty();
    }

    @Test
    void batchWithSeveralMessagesAndStatusesDeliversAllOfThem() throws Exception {
        // Two outbound messages whose statuses the batch reports.
        String first = submitAccepted(template(CONTACT, "{\"batch\":1}"));
        String second = submitAccepted(template(CONTACT, "{\"batch\":2}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(first))
                && "sent".equals(statusOf(second)));
        String wamidFirst = view(first).path("providerMessageId").asText();
        String wamidSecond = view(second).path("providerMessageId").asText();
        assertThat(wamidFirst).startsWith("wamid.").isNotEqualTo(wamidSecond);
        events(null, 4, 5_000); // accepted + sent of both: consumed so what follows is the batch's

        String fixtureStatusId = "wamid.HBgLMzE2MTIzNDU2NzgVAgARGBI1QjI0RDk0QkM3RjgxNjM4QjQA";
        String body = fixture("whatsapp/batch-multi-entry.json")
                .replace(FIXTURE_PHONE_NUMBER_ID, phoneNumberId)
                .replace(FIXTURE_OTHER_PHONE_NUMBER_ID, phoneNumberId)
                .replaceFirst(fixtureStatusId, wamidFirst)
                .replaceFirst(fixtureStatusId, wamidSecond);
        assertThat(postSigned("/webhooks/whatsapp/" + tenant, body, appSecret).statusCode()).isEqualTo(200);

        List<TextMessage> received = inbound(3, 10_000);
        assertThat(received).hasSize(3);
        assertThat(inbound(1, 1_500)).isEmpty();
        List<JsonNode> messages = received.stream().map(t -> {
            try {
                return json(t.getText());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(messages).extracting(n -> n.path("content").path("text").asText())
                .containsExactlyInAnyOrder("Eerste", "Tweede", "Van het tweede nummer");
        assertThat(messages).extracting(n -> n.path("from").path("address").asText())
                .containsExactlyInAnyOrder(CONTACT, CONTACT, "+4915112345678");
        assertThat(messages).extracting(n -> n.path("providerMessageId").asText()).doesNotHaveDuplicates();

        List<JsonNode> delivered = events("delivered", 1, 5_000);
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0).path("messageId").asText()).isEqualTo(first);
        assertThat(delivered.get(0).path("providerMessageId").asText()).isEqualTo(wamidFirst);
        assertThat(delivered.get(0).path("metadata").path("batch").asInt()).isEqualTo(1);
        List<JsonNode> read = events("read", 1, 5_000);
        assertThat(read).hasSize(1);
        assertThat(read.get(0).path("messageId").asText()).isEqualTo(second);
        assertThat(read.get(0).path("providerMessageId").asText()).isEqualTo(wamidSecond);
        assertThat(statusOf(first)).isEqualTo("delivered");
        assertThat(statusOf(second)).isEqualTo("read");
    }

    @Test
    void platformWideBatchForTwoTenantsGivesEachTenantOnlyItsOwnMessages() throws Exception {
        String otherTenant = tenant + "-b";
        String otherNumber = digits(15);
        send("PUT", "/admin/v1/tenants/" + otherTenant, OPS, "{\"name\":\"other\"}");
        PROVIDER.stubFor(get(urlEqualTo("/" + VERSION + "/" + otherNumber + "?fields=id"))
                .willReturn(okJson("{\"id\":\"" + otherNumber + "\"}")));
        assertThat(send("PUT", "/admin/v1/tenants/" + otherTenant + "/connectors/whatsapp", OPS,
                "{\"enabled\":true,\"settings\":{\"phoneNumberId\":\"" + otherNumber + "\"},\"secrets\":"
                        + "{\"accessToken\":\"EAAG-other\",\"appSecret\":\"" + appSecret + "\"}}").statusCode())
                .isEqualTo(200);
        String body = fixture("whatsapp/batch-multi-entry.json")
                .replace(FIXTURE_PHONE_NUMBER_ID, phoneNumberId)
                .replace(FIXTURE_OTHER_PHONE_NUMBER_ID, otherNumber);
        assertThat(postSigned("/webhooks/whatsapp", body, appSecret).statusCode()).isEqualTo(200);

        List<TextMessage> mine = inbound(3, 5_000);
        assertThat(mine).extracting(t -> json(t.getText()).path("content").path("text").asText())
                .containsExactlyInAnyOrder("Eerste", "Tweede");
        List<TextMessage> theirs = receive(platform, "hub.inbound", "tenantId = '" + otherTenant + "'", 2, 5_000);
        assertThat(theirs).extracting(t -> json(t.getText()).path("content").path("text").asText())
                .containsExactly("Van het tweede nummer");
    }

    @Test
    void aPhoneNumberIdBelongsToOneTenantSoTheSecondSaveIs409AndRoutingStaysWithTheFirst() throws Exception {
        String otherTenant = tenant + "-c";
        send("PUT", "/admin/v1/tenants/" + otherTenant, OPS, "{\"name\":\"other\"}");

        HttpResponse<String> conflict = send("PUT", "/admin/v1/tenants/" + otherTenant + "/connectors/whatsapp", OPS,
                "{\"enabled\":true,\"settings\":{\"phoneNumberId\":\"" + phoneNumberId + "\"},\"secrets\":"
                        + "{\"accessToken\":\"EAAGotherTenantToken\",\"appSecret\":\"other-secret\"}}");

        assertThat(conflict.statusCode()).as(conflict.body()).isEqualTo(409);
        assertThat(conflict.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json(conflict.body()).path("detail").asText()).contains(phoneNumberId).contains(tenant)
                .doesNotContain("EAAGotherTenantToken");
        assertThat(json(send("GET", "/admin/v1/tenants/" + otherTenant + "/connectors", OPS, null).body()))
                .as("nothing saved").isEmpty();
        assertThat(postSigned("/webhooks/whatsapp", fixture("whatsapp/text.json")
                .replace(FIXTURE_PHONE_NUMBER_ID, phoneNumberId), appSecret).statusCode()).isEqualTo(200);
        assertThat(inbound(1, 5_000)).hasSize(1);
    }

    // ---- outbound --------------------------------------------------------------------------------------

    @Test
    void templateIsSentWithTheDocumentedGraphBodyAndStatusWebhooksFollowIt() throws Exception {
        String wamid = "wamid.HBgLMzE2MTIzNDU2NzgVAgARGBI" + digits(12);
        PROVIDER.stubFor(post(urlEqualTo(messagesPath())).withRequestBody(matchingJsonPath("$.to", equalTo("31612345678")))
                .willReturn(okJson(fixture("whatsapp/send-accepted.json")
                        .replace("wamid.HBgLMzE2MTIzNDU2NzgVAgARGBI4RjU1QjBEQUE3QjQ4NjE5MDQA", wamid))));
        String id = submitAccepted(template(CONTACT, "{\"orderId\":\"A-1\"}"));

        List<JsonNode> events = events(null, 2, 10_000);
        assertThat(events).extracting(e -> e.path("status").asText()).containsExactly("accepted", "sent");
        JsonNode sent = events.get(1);
        assertThat(sent.path("messageId").asText()).isEqualTo(id);
        assertThat(sent.path("channel").asText()).isEqualTo("whatsapp");
        assertThat(sent.path("providerMessageId").asText()).isEqualTo(wamid);
        assertThat(sent.path("metadata").path("orderId").asText()).isEqualTo("A-1");
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(messagesPath()))
                .withHeader("Authorization", equalTo("Bearer " + accessToken))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"messaging_product":"whatsapp","recipient_type":"individual","to":"31612345678",
                         "type":"template",
                         "template":{"name":"afspraak_bevestiging","language":{"code":"nl"},
                                     "components":[{"type":"body","parameters":[
                                         {"type":"text","text":"Jan"},{"type":"text","text":"21 november"}]}]},
                         "biz_opaque_callback_data":"%s"}""".formatted(id))));

        // Meta's status webhooks: delivered echoes biz_opaque_callback_data, read is matched by the wamid only.
        long now = Instant.now().getEpochSecond();
        assertThat(postSigned("/webhooks/whatsapp/" + tenant, statusWebhook(wamid, "delivered", id, now + 1), appSecret)
                .statusCode()).isEqualTo(200);
        List<JsonNode> delivered = events(null, 1, 10_000);
        assertThat(postSigned("/webhooks/whatsapp/" + tenant, statusWebhook(wamid, "read", null, now + 2), appSecret)
                .statusCode()).isEqualTo(200);
        List<JsonNode> read = events(null, 2, 3_000);
        assertThat(delivered).extracting(e -> e.path("status").asText()).containsExactly("delivered");
        assertThat(read).extracting(e -> e.path("status").asText()).containsExactly("read");
        for (JsonNode e : List.of(delivered.get(0), read.get(0))) {
            assertThat(e.path("messageId").asText()).isEqualTo(id);
            assertThat(e.path("providerMessageId").asText()).isEqualTo(wamid);
            assertThat(e.path("metadata").path("orderId").asText()).isEqualTo("A-1");
        }
        assertThat(delivered.get(0).path("timestamp").asText()).isEqualTo(Instant.ofEpochSecond(now + 1).toString());
        assertThat(read.get(0).path("timestamp").asText()).isEqualTo(Instant.ofEpochSecond(now + 2).toString());
        JsonNode view = view(id);
        assertThat(view.path("status").asText()).isEqualTo("read");
        assertThat(view.path("history")).extracting(h -> h.path("status").asText())
                .containsExactly("accepted", "sent", "delivered", "read");
    }

    @Test
    void freeFormTextNeedsAnInboundMessageInTheLast24Hours() throws Exception {
        String contact = mobile();
        String rejectedId = submitAccepted(text(contact, "Nog interesse in de Golf?"));
        List<JsonNode> rejected = events("rejected", 1, 5_000);
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).path("messageId").asText()).isEqualTo(rejectedId);
        assertThat(rejected.get(0).path("reason").path("code").asText()).isEqualTo("outside_service_window");
        assertThat(rejected.get(0).path("reason").path("retryable").asBoolean()).isFalse();
        assertThat(statusOf(rejectedId)).isEqualTo("rejected");
        PROVIDER.verify(0, postRequestedFor(urlEqualTo(messagesPath())));

        inboundFrom(contact, "Ja, is hij er nog?");
        String id = submitAccepted(text(contact, "Ja! Kom gerust langs."));
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(id)));
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(messagesPath()))
                .withHeader("Authorization", equalTo("Bearer " + accessToken))
                .withRequestBody(equalToJson("""
                        {"messaging_product":"whatsapp","recipient_type":"individual","to":"%s","type":"text",
                         "text":{"preview_url":false,"body":"Ja! Kom gerust langs."},
                         "biz_opaque_callback_data":"%s"}""".formatted(contact.substring(1), id))));
    }

    /** A user who hides their number behind a username is answered by business-scoped user id, in "recipient". */
    @Test
    void aContactKnownOnlyByItsBusinessScopedUserIdIsAnsweredByIt() throws Exception {
        String bsuid = "NL." + digits(16);
        String body = webhook("whatsapp/bsuid-username-without-phone.json").replace(FIXTURE_BSUID, bsuid)
                .replace("wamid.HBgLMzE2MTIzNDU2NzgVAgASGBQzQUI4RkE5RTlGNjQ3RDY0QTM318", "wamid." + digits(20))
                .replace("1795169748", String.valueOf(Instant.now().getEpochSecond()));
        assertThat(postSigned("/webhooks/whatsapp/" + tenant, body, appSecret).statusCode()).isEqualTo(200);
        List<TextMessage> received = inbound(1, 5_000);
        assertThat(received).hasSize(1);
        assertThat(json(received.get(0).getText()).path("from").path("address").asText()).isEqualTo(bsuid);

        String id = submitAccepted(text(bsuid, "Welkom! Welke actieradius zoekt u?"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(id)));
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(messagesPath()))
                .withRequestBody(equalToJson("""
                        {"messaging_product":"whatsapp","recipient_type":"individual","recipient":"%s","type":"text",
                         "text":{"preview_url":false,"body":"Welkom! Welke actieradius zoekt u?"},
                         "biz_opaque_callback_data":"%s"}""".formatted(bsuid, id))));
        assertThat(view(id).path("conversationId").asText())
                .isEqualTo(json(received.get(0).getText()).path("conversationId").asText());
    }

    @Test
    void aBusinessScopedUserIdNoContactWroteFromIsRejectedAsInvalidAddress() throws Exception {
        String id = submitAccepted(template("US." + digits(20), "{}"));
        List<JsonNode> rejected = events("rejected", 1, 5_000);
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).path("messageId").asText()).isEqualTo(id);
        assertThat(rejected.get(0).path("reason").path("code").asText()).isEqualTo("invalid_address");
        PROVIDER.verify(0, postRequestedFor(urlEqualTo(messagesPath())));

        for (String notAnAddress : List.of("US-1349120865", "us.1349120865", "0612345678", "@sanne.rijdt")) {
            HttpResponse<String> r = submit(template(notAnAddress, "{}"));
            assertThat(r.statusCode()).as(notAnAddress).isEqualTo(400);
            assertThat(r.body()).as(notAnAddress).contains("invalid_address");
        }
    }

    @Test
    void reengagementError131047FailsAsOutsideServiceWindowWithoutRetry() throws Exception {
        String contact = mobile();
        inboundFrom(contact, "Hallo");
        PROVIDER.stubFor(post(urlEqualTo(messagesPath())).withRequestBody(matchingJsonPath("$.to",
                equalTo(contact.substring(1)))).willReturn(json(400, fixture("whatsapp/error-131047-reengagement.json"))));
        String id = submitAccepted(text(contact, "Te laat?"));
        List<JsonNode> failed = events("failed", 1, 10_000);
        assertThat(failed).hasSize(1);
        JsonNode reason = failed.get(0).path("reason");
        assertThat(failed.get(0).path("messageId").asText()).isEqualTo(id);
        assertThat(reason.path("code").asText()).isEqualTo("outside_service_window");
        assertThat(reason.path("providerCode").asText()).isEqualTo("131047");
        assertThat(reason.path("retryable").asBoolean()).isFalse();
        Thread.sleep(700); // time in which a retry would have happened
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(messagesPath())));
        assertThat(statusOf(id)).isEqualTo("failed");
    }

    @Test
    void expiredTokenError190FailsAndMarksTheConnectorUnhealthy() throws Exception {
        assertThat(connectorView("whatsapp").path("health").asText()).isEqualTo("ok");
        assertThat(unhealthyConnectorsInActuatorHealth()).doesNotContain(tenant + "/whatsapp");
        PROVIDER.stubFor(post(urlEqualTo(messagesPath())).willReturn(json(401, fixture("whatsapp/error-190-token.json"))));
        String id = submitAccepted(template(CONTACT, "{}"));
        List<JsonNode> failed = events("failed", 1, 10_000);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).path("messageId").asText()).isEqualTo(id);
        assertThat(failed.get(0).path("reason").path("code").asText()).isEqualTo("authentication_failed");
        assertThat(failed.get(0).path("reason").path("providerCode").asText()).isEqualTo("190");
        assertThat(failed.get(0).path("reason").path("retryable").asBoolean()).isFalse();
        assertThat(failed.get(0).toString()).doesNotContain(accessToken);

        JsonNode connector = connectorView("whatsapp");
        assertThat(connector.path("health").asText()).isEqualTo("unhealthy");
        assertThat(connector.path("lastError").asText()).contains("190").doesNotContain(accessToken);
        assertThat(connector.toString()).doesNotContain(accessToken);
        // Also in /actuator/health: the hub stays UP (one tenant's token), the connector is named.
        assertThat(unhealthyConnectorsInActuatorHealth()).contains(tenant + "/whatsapp");
        Thread.sleep(500); // no retry of a permanent failure
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(messagesPath())));
    }

    @Test
    void throttlingError130429IsRetriedThenSent() throws Exception {
        PROVIDER.stubFor(post(urlEqualTo(messagesPath())).inScenario("throttle-" + tenant)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(400, fixture("whatsapp/error-130429-throughput.json")))
                .willSetStateTo("calm"));
        PROVIDER.stubFor(post(urlEqualTo(messagesPath())).inScenario("throttle-" + tenant)
                .whenScenarioStateIs("calm")
                .willReturn(okJson(fixture("whatsapp/send-accepted.json"))));
        String id = submitAccepted(template(CONTACT, "{}"));
        List<JsonNode> events = events(null, 2, 10_000);
        assertThat(events).extracting(e -> e.path("status").asText()).containsExactly("accepted", "sent");
        assertThat(events.get(1).path("messageId").asText()).isEqualTo(id);
        assertThat(events.get(1).path("providerMessageId").asText())
                .isEqualTo("wamid.HBgLMzE2MTIzNDU2NzgVAgARGBI4RjU1QjBEQUE3QjQ4NjE5MDQA");
        PROVIDER.verify(2, postRequestedFor(urlEqualTo(messagesPath()))
                .withHeader("Authorization", equalTo("Bearer " + accessToken)));
        assertThat(events(null, 1, 500)).isEmpty();
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    List<String> unhealthyConnectorsInActuatorHealth() throws Exception {
        HttpResponse<String> r = send("GET", "/actuator/health", OPS, null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode connectors = json(r.body()).path("components").path("connectors");
        assertThat(connectors.path("status").asText()).isEqualTo("UP");
        List<String> names = new java.util.ArrayList<>();
        connectors.path("details").path("unhealthy").forEach(n -> names.add(n.asText()));
        return names;
    }

    double unattributedWebhookEvents() {
        Counter counter = meters.find("hub.webhooks.dropped").tag("channel", "whatsapp").tag("reason", "unattributed")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    String messagesPath() {
        return "/" + VERSION + "/" + phoneNumberId + "/messages";
    }

    /** A fixture addressed to this test's phone number id. */
    String webhook(String fixture) {
        return fixture(fixture).replace(FIXTURE_PHONE_NUMBER_ID, phoneNumberId);
    }

    static String template(String to, String metadata) {
        return "{\"channel\":\"whatsapp\",\"to\":\"" + to + "\",\"content\":{\"type\":\"template\","
                + "\"name\":\"afspraak_bevestiging\",\"language\":\"nl\",\"parameters\":[\"Jan\",\"21 november\"],"
                + "\"fallbackText\":\"Uw afspraak is bevestigd\"},\"metadata\":" + metadata + "}";
    }

    static String text(String to, String text) {
        return "{\"channel\":\"whatsapp\",\"to\":\"" + to + "\",\"content\":{\"type\":\"text\",\"text\":\"" + text
                + "\"}}";
    }

    /** An inbound text from {@code contact}, delivered to the platform: opens the service window. */
    void inboundFrom(String contact, String text) throws Exception {
        String digits = contact.substring(1);
        String body = webhook("whatsapp/text.json").replace("31612345678", digits)
                .replace("Is de auto nog beschikbaar?", text)
                .replace("wamid.HBgLMzE2MTIzNDU2NzgVAgASGBQzQUI4RkE5RTlGNjQ3RDY0QTM31", "wamid." + digits(20))
                .replace("1795169731", String.valueOf(Instant.now().getEpochSecond()));
        assertThat(postSigned("/webhooks/whatsapp/" + tenant, body, appSecret).statusCode()).isEqualTo(200);
        List<TextMessage> received = inbound(1, 5_000);
        assertThat(received).hasSize(1);
        assertThat(json(received.get(0).getText()).path("from").path("address").asText()).isEqualTo(contact);
    }

    String statusWebhook(String wamid, String status, String hubId, long epochSecond) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"%s","changes":[{"value":{
                  "messaging_product":"whatsapp",
                  "metadata":{"display_phone_number":"15550783881","phone_number_id":"%s"},
                  "statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"31612345678"%s}]},
                  "field":"messages"}]}]}""".formatted(wabaId, phoneNumberId, wamid, status, epochSecond,
                hubId == null ? "" : ",\"biz_opaque_callback_data\":\"" + hubId + "\"");
    }

    /** A POST as Meta makes it: X-Hub-Signature-256 = sha256=hex(HMAC-SHA256(app secret, exact body bytes)). */
    HttpResponse<String> postSigned(String path, String body, String secret) throws Exception {
        return postSigned(path, body, secret, "application/json");
    }

    HttpResponse<String> postSigned(String path, String body, String secret, String contentType) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(bytes));
        return call(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", contentType)
                .header("X-Hub-Signature-256", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    HttpResponse<String> postUnsigned(String path, String body) {
        return call(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
        return json(200, body);
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}

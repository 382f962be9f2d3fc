package io.channelhub.app.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SMS (Twilio) connector end to end through the running hub: Twilio's form-encoded webhooks signed
 * as Twilio signs them (HMAC-SHA1 over the public URL it called plus the sorted parameters), MMS media,
 * outbound through the tenant's own account on a WireMock Twilio, status callbacks to the URL the hub
 * handed over, opt-out and usage.
 */
class SmsEndToEndTest extends ChannelHubTest {
    static final String FIXTURE_ACCOUNT_SID = "AC3f1c0ffee0123456789abcdef0123456";
    static final String BUSINESS_NUMBER = "+3197010251234";
    static final String CONTACT = "+31612345678";

    String accountSid;
    String authToken;

    @BeforeEach
    void tenantWithSms() throws Exception {
        accountSid = "AC" + hex32();
        authToken = hex32();
        createTenant();
        // The credential check on save: GET /2010-04-01/Accounts/{sid}.json with Basic auth.
        PROVIDER.stubFor(get(urlEqualTo("/2010-04-01/Accounts/" + accountSid + ".json"))
                .withBasicAuth(accountSid, authToken)
                .willReturn(json(200, fixture("sms/account-active.json").replace(FIXTURE_ACCOUNT_SID, accountSid))));
        // Every send is accepted as Twilio does (201, status queued), each with a fresh SM sid.
        PROVIDER.stubFor(post(urlEqualTo(messagesPath()))
                .willReturn(json(201, fixture("sms/message-created.json").replace(FIXTURE_ACCOUNT_SID, accountSid)
                        .replace("SMb7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2", "SM{{randomValue length=32 type='HEXADECIMAL'}}"))
                        .withTransformers("response-template")));
        JsonNode saved = putConnector("sms", "{\"enabled\":true,\"settings\":{\"accountSid\":\"" + accountSid
                + "\",\"fromNumber\":\"" + BUSINESS_NUMBER + "\"},\"secrets\":{\"authToken\":\"" + authToken + "\"}}");
        assertThat(saved.path("health").asText()).isEqualTo("ok");
        assertThat(saved.path("settings").path("accountSid").asText()).isEqualTo(accountSid);
        assertThat(saved.path("settings").path("fromNumber").asText()).isEqualTo(BUSINESS_NUMBER);
        assertThat(saved.path("secrets").path("authToken").asText()).isEqualTo("***");
        assertThat(saved.toString()).doesNotContain(authToken);
        assertThat(saved.path("webhookUrl").asText()).isEqualTo(webhookUrl());
    }

    // ---- inbound ---------------------------------------------------------------------------------------

    @Test
    void signedInboundSmsIsAnsweredWithEmptyTwimlAndBecomesACanonicalMessage() throws Exception {
        Map<String, String> params = form("sms/sms-text.form");
        Instant before = Instant.now();
        HttpResponse<String> r = postTwilio(webhookUrl(), params, authToken);
        Instant after = Instant.now();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/xml"));
        assertThat(r.body().replaceAll("\\s", "")).endsWith("<Response></Response>").doesNotContain("<Message");

        List<TextMessage> received = inbound(1, 10_000);
        assertThat(received).hasSize(1);
        TextMessage jms = received.get(0);
        JsonNode m = json(jms.getText());
        assertThat(UUID.fromString(m.path("id").asText())).isNotNull();
        assertThat(m.path("tenantId").asText()).isEqualTo(tenant);
        assertThat(m.path("channel").asText()).isEqualTo("sms");
        assertThat(m.path("direction").asText()).isEqualTo("inbound");
        assertThat(m.path("from").path("address").asText()).isEqualTo(CONTACT);
        assertThat(m.path("from").path("name").isMissingNode() || m.path("from").path("name").isNull()).isTrue();
        assertThat(m.path("to").path("address").asText()).isEqualTo(BUSINESS_NUMBER);
        assertThat(m.path("conversationId").asText()).isNotBlank();
        assertThat(m.path("providerMessageId").asText()).isEqualTo("SM5a7d5e3c9b1f4e2a8c6d0b9e7f1a2c3d");
        // Twilio sends no timestamp: the time the hub received the webhook stands in.
        Instant timestamp = Instant.parse(m.path("timestamp").asText());
        assertThat(timestamp).isBetween(before.minusSeconds(1), after.plusSeconds(1));
        assertThat(m.path("content").path("type").asText()).isEqualTo("text");
        assertThat(m.path("content").path("text").asText()).isEqualTo("Is de auto nog beschikbaar? \uD83D\uDE97");
        assertThat(jms.getStringProperty("tenantId")).isEqualTo(tenant);
        assertThat(jms.getStringProperty("channel")).isEqualTo("sms");
        assertThat(jms.getStringProperty("conversationId")).isEqualTo(m.path("conversationId").asText());
        assertThat(jms.getStringProperty("JMSXGroupID")).isEqualTo(m.path("conversationId").asText());

        // Twilio's retry of the same webhook is no second message.
        assertThat(postTwilio(webhookUrl(), params, authToken).statusCode()).isEqualTo(200);
        assertThat(inbound(1, 1_500)).isEmpty();
    }

    @Test
    void badSignaturesAreRefusedWith401AndNothingIsForwarded() throws Exception {
        Map<String, String> params = form("sms/sms-text.form");
        // signed with another token
        assertThat(postTwilio(webhookUrl(), params, hex32()).statusCode()).isEqualTo(401);
        // signed for the URL the hub listens on rather than the public URL Twilio called
        assertThat(postTwilio(url("/webhooks/sms/" + tenant), params, authToken).statusCode()).isEqualTo(401);
        // a parameter changed after signing
        String signature = signature(webhookUrl(), params, authToken);
        Map<String, String> tampered = new LinkedHashMap<>(params);
        tampered.put("Body", "Ik wil de auto kopen voor 1 euro");
        assertThat(postForm("/webhooks/sms/" + tenant, encode(tampered), signature).statusCode()).isEqualTo(401);
        // no signature at all
        assertThat(postForm("/webhooks/sms/" + tenant, encode(params), null).statusCode()).isEqualTo(401);
        assertThat(inbound(1, 1_500)).isEmpty();
    }

    @Test
    void aSignedFormPostedAsAnotherMediaTypeIs415AndForwardsNothing() throws Exception {
        Map<String, String> params = form("sms/sms-text.form");
        URI called = URI.create(webhookUrl());
        String path = called.getRawPath() + (called.getRawQuery() == null ? "" : "?" + called.getRawQuery());
        HttpResponse<String> r = postAs(path, "text/plain", encode(params), signature(webhookUrl(), params, authToken));
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(json(r.body()).path("detail").asText())
                .isEqualTo("this webhook takes application/json or application/x-www-form-urlencoded, not text/plain");
        assertThat(inbound(1, 1_500)).isEmpty();
    }

    // ---- WhatsApp through Twilio and Twilio's other signature cases (PROTOCOLS §9) ---------------------

    @Test
    void aWhatsappLocationThroughTwilioBecomesLocationContentWithE164Addresses() throws Exception {
        assertThat(postTwilio(webhookUrl(), form("sms/whatsapp-location.form"), authToken).statusCode()).isEqualTo(200);

        JsonNode m = json(single(inbound(1, 10_000)).getText());
        assertThat(m.path("channel").asText()).isEqualTo("sms");
        assertThat(m.path("from").path("address").asText()).isEqualTo(CONTACT);
        assertThat(m.path("from").path("name").asText()).isEqualTo("Jan de Vries");
        assertThat(m.path("to").path("address").asText()).isEqualTo(BUSINESS_NUMBER);
        assertThat(m.path("metadata").path("twilioChannel").asText()).isEqualTo("whatsapp");
        assertThat(m.path("content").path("type").asText()).isEqualTo("location");
        assertThat(m.path("content").path("latitude").asDouble()).isEqualTo(52.3675734);
        assertThat(m.path("content").path("longitude").asDouble()).isEqualTo(4.9041389);
        assertThat(m.path("content").path("name").asText()).isEqualTo("Showroom Dam");
        assertThat(m.path("content").path("address").asText()).isEqualTo("Dam 1, 1012 JS Amsterdam");
    }

    @Test
    void aWhatsappButtonTapThroughTwilioBecomesAChoiceResponse() throws Exception {
        assertThat(postTwilio(webhookUrl(), form("sms/whatsapp-button-reply.form"), authToken).statusCode())
                .isEqualTo(200);

        JsonNode m = json(single(inbound(1, 10_000)).getText());
        assertThat(m.path("from").path("address").asText()).isEqualTo(CONTACT);
        assertThat(m.path("content").path("type").asText()).isEqualTo("choice_response");
        assertThat(m.path("content").path("id").asText()).isEqualTo("test-drive-yes");
        assertThat(m.path("content").path("title").asText()).isEqualTo("Ja, proefrit plannen");
    }

    @Test
    void aRepeatedParameterSignedWithItsValuesSortedIsAccepted() throws Exception {
        Map<String, String> params = form("sms/sms-text.form");
        String body = encode(params) + "&Tag=zulu&Tag=alpha";
        StringBuilder signed = new StringBuilder(webhookUrl());
        Map<String, String> sorted = new TreeMap<>(params);
        sorted.put("Tag", "");
        sorted.forEach((k, v) -> signed.append(k.equals("Tag") ? "TagalphaTagzulu" : k + v));
        assertThat(postForm("/webhooks/sms/" + tenant, body, hmacSha1Base64(authToken, signed.toString()))
                .statusCode()).isEqualTo(200);
        assertThat(single(inbound(1, 10_000)).getText()).contains("Is de auto nog beschikbaar?");
    }

    @Test
    void aUrlWithNonAsciiCharactersIsSignedAsTwilioSignsIt() throws Exception {
        String configured = webhookUrl() + "?vestiging=Zo\u00eb";
        Map<String, String> params = form("sms/sms-text.form");
        assertThat(postTwilio(URI.create(configured).toASCIIString(), params, authToken, configured).statusCode())
                .isEqualTo(200);
        assertThat(single(inbound(1, 10_000)).getText()).contains("Is de auto nog beschikbaar?");
    }

    @Test
    void aJsonBodySignedWithBodySha256IsAccepted() throws Exception {
        String body = fixture("sms/sms-text.json").strip().replace(FIXTURE_ACCOUNT_SID, accountSid);
        String signedUrl = webhookUrl() + "?bodySHA256=" + sha256Hex(body);
        URI called = URI.create(signedUrl);
        String path = called.getRawPath() + "?" + called.getRawQuery();
        String signature = hmacSha1Base64(authToken, signedUrl);

        String tampered = body.replace("langskomen", "betalen");
        assertThat(postAs(path, "application/json", tampered, signature).statusCode()).isEqualTo(401);
        assertThat(postAs(path, "application/json", body, signature).statusCode()).isEqualTo(200);
        JsonNode m = json(single(inbound(1, 10_000)).getText());
        assertThat(m.path("providerMessageId").asText()).isEqualTo("SMc15b6a7f8e9d0a1b3c4d5e6f708192a3");
        assertThat(m.path("content").path("text").asText()).isEqualTo("Wanneer kan ik langskomen?");
    }

    @Test
    void mmsWithTwoMediaIsFetchedIntoHubStorage() throws Exception {
        String mmsSid = "MM" + hex32();
        String photoSid = "ME" + hex32();
        String pdfSid = "ME" + hex32();
        String mediaBase = "/2010-04-01/Accounts/" + accountSid + "/Messages/" + mmsSid + "/Media/";
        byte[] jpeg = bytes(3000, (byte) 0xFF, (byte) 0xD8);
        byte[] pdf = "%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        // Twilio answers the media URL with a redirect to pre-signed storage on another host.
        String storage = "http://127.0.0.1:" + PROVIDER.port() + "/s3/media/" + photoSid + "?X-Amz-Signature=abc";
        PROVIDER.stubFor(get(urlEqualTo(mediaBase + photoSid)).withBasicAuth(accountSid, authToken)
                .willReturn(aResponse().withStatus(302).withHeader("Location", storage)));
        PROVIDER.stubFor(get(urlEqualTo("/s3/media/" + photoSid + "?X-Amz-Signature=abc"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/jpeg").withBody(jpeg)));
        PROVIDER.stubFor(get(urlEqualTo(mediaBase + pdfSid)).withBasicAuth(accountSid, authToken)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/pdf").withBody(pdf)));

        Map<String, String> params = form("sms/mms-two-media.form");
        params.replaceAll((k, v) -> v.replace("MM8e2f6a1b3c5d7e9f0a2b4c6d8e0f1a2b", mmsSid)
                .replace("ME1f2e3d4c5b6a79880716253443526170", photoSid)
                .replace("ME2a3b4c5d6e7f80910a1b2c3d4e5f6071", pdfSid));
        assertThat(params.get("MediaUrl0")).isEqualTo("https://api.twilio.com" + mediaBase + photoSid);
        assertThat(postTwilio(webhookUrl(), params, authToken).statusCode()).isEqualTo(200);

        List<TextMessage> received = inbound(1, 10_000);
        assertThat(received).hasSize(1);
        JsonNode m = json(received.get(0).getText());
        assertThat(m.path("providerMessageId").asText()).isEqualTo(mmsSid);
        JsonNode photo = m.path("content");
        assertThat(photo.path("type").asText()).isEqualTo("media");
        assertThat(photo.path("mediaType").asText()).isEqualTo("image");
        assertThat(photo.path("mimeType").asText()).isEqualTo("image/jpeg");
        assertThat(photo.path("caption").asText()).isEqualTo("Hier de foto en het kenteken");
        assertThat(photo.path("sizeBytes").asLong()).isEqualTo(jpeg.length);
        JsonNode document = m.path("attachments").path(0);
        assertThat(m.path("attachments")).hasSize(1);
        assertThat(document.path("mediaType").asText()).isEqualTo("document");
        assertThat(document.path("mimeType").asText()).isEqualTo("application/pdf");
        assertThat(document.path("sizeBytes").asLong()).isEqualTo(pdf.length);
        assertThat(m.path("metadata").path("mediaErrors").isMissingNode()).isTrue();

        for (JsonNode[] item : new JsonNode[][] {{photo}, {document}}) {
            String url = item[0].path("url").asText();
            assertThat(url).startsWith(PUBLIC_BASE + "/api/v1/tenants/" + tenant + "/media/")
                    .doesNotContain("twilio").doesNotContain(String.valueOf(PROVIDER.port()));
            assertThat(getPublished(url, null).statusCode()).isEqualTo(401);
        }
        assertThat(getPublished(photo.path("url").asText(), PLATFORM).body()).isEqualTo(jpeg);
        assertThat(getPublished(document.path("url").asText(), PLATFORM).body()).isEqualTo(pdf);
        // Credentials go to Twilio's API origin only, never to the storage the redirect points at.
        PROVIDER.verify(1, getRequestedFor(urlEqualTo("/s3/media/" + photoSid + "?X-Amz-Signature=abc"))
                .withHeader("Authorization", absent()));
    }

    @Test
    void inboundStopOptsOutAndStartOptsBackIn() throws Exception {
        String contact = mobile();
        inboundText(contact, "STOP");
        String refused = submitAccepted(sms(contact, "Nieuwe aanbiedingen!"));
        List<JsonNode> rejected = events("rejected", 1, 5_000);
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).path("messageId").asText()).isEqualTo(refused);
        assertThat(rejected.get(0).path("reason").path("code").asText()).isEqualTo("opted_out");
        assertThat(statusOf(refused)).isEqualTo("rejected");
        PROVIDER.verify(0, postRequestedFor(urlEqualTo(messagesPath())).withFormParam("To", equalTo(contact))
                .withFormParam("Body", equalTo("Nieuwe aanbiedingen!")));

        inboundText(contact, "Start");
        String id = submitAccepted(sms(contact, "Welkom terug"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(id)));
        // the hub confirmed both keywords, in Dutch (the number's country; STOP and START are Dutch too)
        for (String body : List.of("Je bent afgemeld", "Je bent weer aangemeld", "Welkom terug")) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> PROVIDER.verify(1,
                    postRequestedFor(urlEqualTo(messagesPath())).withFormParam("To", equalTo(contact))
                            .withFormParam("Body", containing(body))));
        }
    }

    /** Issue 20: the recipient's language, accents or not — a German or French opt-out stops the next message. */
    @Test
    void anOptOutInGermanOrFrenchStopsTheNextMessage() throws Exception {
        Map<String, String> confirmations = Map.of("Kündigen", "Du bist abgemeldet", "ABMELDEN", "Du bist abgemeldet",
                "Arrêt", "Vous êtes désabonné");
        for (String word : List.of("Kündigen", "ABMELDEN", "Arrêt")) {
            String contact = mobile();
            inboundText(contact, word);
            String refused = submitAccepted(sms(contact, "Neue Angebote!"));
            await().atMost(Duration.ofSeconds(10)).until(() -> "rejected".equals(statusOf(refused)));
            PROVIDER.verify(0, postRequestedFor(urlEqualTo(messagesPath())).withFormParam("To", equalTo(contact))
                    .withFormParam("Body", equalTo("Neue Angebote!")));
            // confirmed in the keyword's language, though the number is Dutch
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> PROVIDER.verify(1,
                    postRequestedFor(urlEqualTo(messagesPath())).withFormParam("To", equalTo(contact))
                            .withFormParam("Body", containing(confirmations.get(word)))));
        }
    }

    // ---- outbound --------------------------------------------------------------------------------------

    @Test
    void outboundSmsGoesThroughTheTenantsAccountAndStatusCallbacksFollowIt() throws Exception {
        String contact = mobile();
        String sid = "SM" + hex32();
        PROVIDER.stubFor(post(urlEqualTo(messagesPath())).withFormParam("To", equalTo(contact))
                .willReturn(json(201, fixture("sms/message-created.json").replace(FIXTURE_ACCOUNT_SID, accountSid)
                        .replace("SMb7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2", sid))));
        String id = submitAccepted("{\"channel\":\"sms\",\"to\":\"" + contact + "\",\"content\":{\"type\":\"text\","
                + "\"text\":\"Uw auto staat klaar.\"},\"metadata\":{\"orderId\":\"B-7\"}}");

        List<JsonNode> events = events(null, 2, 10_000);
        assertThat(events).extracting(e -> e.path("status").asText()).containsExactly("accepted", "sent");
        assertThat(events.get(1).path("messageId").asText()).isEqualTo(id);
        assertThat(events.get(1).path("channel").asText()).isEqualTo("sms");
        assertThat(events.get(1).path("providerMessageId").asText()).isEqualTo(sid);
        assertThat(events.get(1).path("metadata").path("orderId").asText()).isEqualTo("B-7");

        String statusCallback = webhookUrl() + "?hubMessageId=" + id;
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(messagesPath()))
                .withBasicAuth(new com.github.tomakehurst.wiremock.client.BasicCredentials(accountSid, authToken))
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock
                        .containing("application/x-www-form-urlencoded"))
                .withFormParam("To", equalTo(contact))
                .withFormParam("From", equalTo(BUSINESS_NUMBER))
                .withFormParam("Body", equalTo("Uw auto staat klaar."))
                .withFormParam("StatusCallback", equalTo(statusCallback)));

        // Twilio's callbacks go to the StatusCallback URL it was given, signed for exactly that URL.
        assertThat(postTwilio(statusCallback, statusForm("sms/status-sent.form", sid, contact), authToken)
                .statusCode()).isEqualTo(200);
        assertThat(postTwilio(statusCallback, statusForm("sms/status-delivered.form", sid, contact), authToken)
                .statusCode()).isEqualTo(200);
        List<JsonNode> later = events(null, 1, 10_000);
        // "sent" was reported by the hub already: only delivered is news
        assertThat(later).extracting(e -> e.path("status").asText()).containsExactly("delivered");
        assertThat(events(null, 1, 1_000)).isEmpty();
        assertThat(later.get(0).path("messageId").asText()).isEqualTo(id);
        assertThat(later.get(0).path("providerMessageId").asText()).isEqualTo(sid);
        assertThat(later.get(0).path("metadata").path("orderId").asText()).isEqualTo("B-7");
        assertThat(view(id).path("history")).extracting(h -> h.path("status").asText())
                .containsExactly("accepted", "sent", "delivered");

        // A second message that is not delivered: the callback's ErrorCode becomes the reason.
        String other = mobile();
        String otherSid = "SM" + hex32();
        PROVIDER.stubFor(post(urlEqualTo(messagesPath())).withFormParam("To", equalTo(other))
                .willReturn(json(201, fixture("sms/message-created.json").replace(FIXTURE_ACCOUNT_SID, accountSid)
                        .replace("SMb7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2", otherSid))));
        String undelivered = submitAccepted(sms(other, "Bent u bereikbaar?"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(undelivered)));
        String otherCallback = webhookUrl() + "?hubMessageId=" + undelivered;
        assertThat(postTwilio(otherCallback, statusForm("sms/status-undelivered-30003.form", otherSid, other),
                authToken).statusCode()).isEqualTo(200);
        List<JsonNode> failed = events("failed", 1, 5_000);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).path("messageId").asText()).isEqualTo(undelivered);
        assertThat(failed.get(0).path("providerMessageId").asText()).isEqualTo(otherSid);
        assertThat(failed.get(0).path("reason").path("providerCode").asText()).isEqualTo("30003");
        assertThat(failed.get(0).path("reason").path("retryable").asBoolean()).isFalse();
        assertThat(statusOf(undelivered)).isEqualTo("failed");

        // A callback signed for another URL than the one Twilio was given is refused.
        assertThat(postTwilio(otherCallback, statusForm("sms/status-delivered.form", otherSid, other), authToken,
                webhookUrl() + "?hubMessageId=" + id).statusCode()).isEqualTo(401);
    }

    @Test
    void twilio5xxIsRequestedOncePerHubAttemptAndRetriedByTheHub() throws Exception {
        String broken = mobile();
        PROVIDER.stubFor(post(urlEqualTo(messagesPath())).withFormParam("To", equalTo(broken))
                .willReturn(json(500, "{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}")));
        String id = submitAccepted(sms(broken, "Eerste poging"));
        List<JsonNode> failed = events("failed", 1, 20_000);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).path("messageId").asText()).isEqualTo(id);
        assertThat(failed.get(0).path("reason").path("code").asText()).isEqualTo("retries_exhausted");
        // hub.retry.max-attempts is 4: four calls, not 4 x the SDK's own three
        PROVIDER.verify(4, postRequestedFor(urlEqualTo(messagesPath())).withFormParam("To", equalTo(broken)));
        assertThat(receive(platform, "hub.dlq", "tenantId = '" + tenant + "'", 1, 5_000)).hasSize(1);

        String flaky = mobile();
        PROVIDER.stubFor(post(urlEqualTo(messagesPath())).withFormParam("To", equalTo(flaky))
                .inScenario("flaky-" + tenant).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(503, "{\"code\":20503,\"message\":\"Service Unavailable\",\"status\":503}"))
                .willSetStateTo("up"));
        PROVIDER.stubFor(post(urlEqualTo(messagesPath())).withFormParam("To", equalTo(flaky))
                .inScenario("flaky-" + tenant).whenScenarioStateIs("up")
                .willReturn(json(201, fixture("sms/message-created.json").replace(FIXTURE_ACCOUNT_SID, accountSid))));
        String second = submitAccepted(sms(flaky, "Tweede poging"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(second)));
        assertThat(view(second).path("providerMessageId").asText()).isEqualTo("SMb7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2");
        PROVIDER.verify(2, postRequestedFor(urlEqualTo(messagesPath())).withFormParam("To", equalTo(flaky)));
    }

    @Test
    void optedOutError21610FailsAndLaterMessagesAreRejectedWithoutCallingTwilio() throws Exception {
        String contact = mobile();
        PROVIDER.stubFor(post(urlEqualTo(messagesPath())).withFormParam("To", equalTo(contact))
                .willReturn(json(400, fixture("sms/error-21610-unsubscribed-recipient.json"))));
        String id = submitAccepted(sms(contact, "Uw APK verloopt"));
        List<JsonNode> failed = events("failed", 1, 10_000);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).path("messageId").asText()).isEqualTo(id);
        assertThat(failed.get(0).path("reason").path("code").asText()).isEqualTo("opted_out");
        assertThat(failed.get(0).path("reason").path("providerCode").asText()).isEqualTo("21610");
        assertThat(failed.get(0).path("reason").path("retryable").asBoolean()).isFalse();

        String later = submitAccepted(sms(contact, "Nog een herinnering"));
        List<JsonNode> rejected = events("rejected", 1, 5_000);
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).path("messageId").asText()).isEqualTo(later);
        assertThat(rejected.get(0).path("reason").path("code").asText()).isEqualTo("opted_out");
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(messagesPath())).withFormParam("To", equalTo(contact)));
    }

    @Test
    void usageCountsOutboundUnitsAsSmsSegments() throws Exception {
        String text = "Goedemorgen! Uw auto is klaar voor ophalen bij Autobedrijf De Vries. Wij zijn open tot "
                + "18:00. Neem uw kenteken en rijbewijs mee. Tot straks, het team De Vries!!!";
        assertThat(text).hasSize(161);
        String id = submitAccepted(sms(mobile(), text));
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(statusOf(id)));
        PROVIDER.verify(1, postRequestedFor(urlEqualTo(messagesPath())).withFormParam("Body", equalTo(text)));

        JsonNode usage = json(send("GET", "/admin/v1/tenants/" + tenant + "/usage", OPS, null).body());
        JsonNode outbound = null;
        for (JsonNode row : usage) {
            if ("sms".equals(field(row, "channel")) && "outbound".equals(field(row, "direction"))) {
                outbound = row;
            }
        }
        assertThat(outbound).as("usage: " + usage).isNotNull();
        assertThat(Integer.parseInt(field(outbound, "messages"))).isEqualTo(1);
        assertThat(Integer.parseInt(field(outbound, "units"))).isEqualTo(2);
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    String messagesPath() {
        return "/2010-04-01/Accounts/" + accountSid + "/Messages.json";
    }

    /** The URL Twilio is told to call for this tenant (console setting). */
    String webhookUrl() {
        return PUBLIC_BASE + "/webhooks/sms/" + tenant;
    }

    static String sms(String to, String text) {
        return "{\"channel\":\"sms\",\"to\":\"" + to + "\",\"content\":{\"type\":\"text\",\"text\":\"" + text + "\"}}";
    }

    /** A fixture form of this tenant's account. */
    Map<String, String> form(String fixture) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : fixture(fixture).strip().split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).replace(FIXTURE_ACCOUNT_SID,
                            accountSid));
        }
        return params;
    }

    Map<String, String> statusForm(String fixture, String sid, String to) {
        Map<String, String> params = form(fixture);
        params.replaceAll((k, v) -> v.replace("SMb7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2", sid));
        params.put("To", to);
        params.remove("MessagingServiceSid");
        return params;
    }

    /** An inbound SMS from {@code contact}, delivered to the platform. */
    void inboundText(String contact, String body) throws Exception {
        Map<String, String> params = form("sms/sms-text.form");
        String sid = "SM" + hex32();
        params.replaceAll((k, v) -> v.replace("SM5a7d5e3c9b1f4e2a8c6d0b9e7f1a2c3d", sid));
        params.put("From", contact);
        params.put("Body", body);
        assertThat(postTwilio(webhookUrl(), params, authToken).statusCode()).isEqualTo(200);
        List<TextMessage> received = inbound(1, 5_000);
        assertThat(received).hasSize(1);
        assertThat(json(received.get(0).getText()).path("content").path("text").asText()).isEqualTo(body);
    }

    HttpResponse<String> postTwilio(String publicUrl, Map<String, String> params, String token) {
        return postTwilio(publicUrl, params, token, publicUrl);
    }

    /** POSTs {@code params} to the hub path of {@code publicUrl}, signed as Twilio signs for {@code signedUrl}. */
    HttpResponse<String> postTwilio(String publicUrl, Map<String, String> params, String token, String signedUrl) {
        URI called = URI.create(publicUrl);
        String path = called.getRawPath() + (called.getRawQuery() == null ? "" : "?" + called.getRawQuery());
        return postForm(path, encode(params), signature(signedUrl, params, token));
    }

    HttpResponse<String> postForm(String path, String formBody, String signature) {
        return postAs(path, "application/x-www-form-urlencoded; charset=UTF-8", formBody, signature);
    }

    HttpResponse<String> postAs(String path, String contentType, String formBody, String signature) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : url(path)))
                .header("Content-Type", contentType)
                .header("User-Agent", "TwilioProxy/1.1")
                .POST(HttpRequest.BodyPublishers.ofString(formBody, StandardCharsets.UTF_8));
        if (signature != null) {
            b.header("X-Twilio-Signature", signature);
        }
        return call(b.build());
    }

    /** Twilio's algorithm: Base64(HMAC-SHA1(auth token, URL + each parameter name and value, sorted by name)). */
    static String signature(String url, Map<String, String> params, String token) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        return hmacSha1Base64(token, data.toString());
    }

    static String hmacSha1Base64(String token, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Hex(String body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    static TextMessage single(List<TextMessage> received) {
        assertThat(received).hasSize(1);
        return received.get(0);
    }

    static String encode(Map<String, String> params) {
        return params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** A usage row's field, whatever case the database gave the column label. */
    static String field(JsonNode row, String name) {
        for (var it = row.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue().asText();
            }
        }
        return null;
    }

    static String hex32() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static byte[] bytes(int n, byte... prefix) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = i < prefix.length ? prefix[i] : (byte) (i * 17 + 3);
        }
        return b;
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}

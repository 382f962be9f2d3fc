package io.channelhub.connector.whatsapp;

import static io.channelhub.connector.whatsapp.WhatsAppFixtures.APP_SECRET;
import static io.channelhub.connector.whatsapp.WhatsAppFixtures.VERIFY_TOKEN;
import static io.channelhub.connector.whatsapp.WhatsAppFixtures.get;
import static io.channelhub.connector.whatsapp.WhatsAppFixtures.post;
import static io.channelhub.connector.whatsapp.WhatsAppFixtures.signedPost;
import static io.channelhub.connector.whatsapp.WhatsAppFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.core.spi.ParentAccount;
import io.channelhub.core.spi.WebhookReply;
import io.channelhub.core.spi.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Meta's X-Hub-Signature-256 check, the subscription handshake and account routing. */
class WhatsAppWebhookVerifierTest {

    private static final String WABA_ID = "102290129340398";

    private final WhatsAppWebhookVerifier verifier = new WhatsAppWebhookVerifier();
    private final byte[] body = WhatsAppFixtures.bytes("inbound/text.json");

    /** Signs like Meta does, independently of the code under test. */
    private static String metaSignature(String secret, byte[] raw) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        StringBuilder hex = new StringBuilder("sha256=");
        for (byte b : mac.doFinal(raw)) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    @Nested
    class Signature {

        @Test
        void validSignatureVerifies() throws Exception {
            assertThat(verifier.verify(post(body, metaSignature(APP_SECRET, body)), tenant())).isTrue();
        }

        @Test
        void uppercaseHexAndPrefixAreAccepted() throws Exception {
            String header = metaSignature(APP_SECRET, body).toUpperCase();
            assertThat(verifier.verify(post(body, header), tenant())).isTrue();
        }

        @Test
        void invalidSignatureIsRejected() {
            assertThat(verifier.verify(post(body, "sha256=" + "0".repeat(64)), tenant())).isFalse();
            assertThat(verifier.verify(post(body, "sha256=not-hex"), tenant())).isFalse();
            assertThat(verifier.verify(post(body, "sha256="), tenant())).isFalse();
        }

        @Test
        void missingSignatureIsRejected() {
            assertThat(verifier.verify(post(body, null), tenant())).isFalse();
        }

        @Test
        void signatureWithoutPrefixOrWithSha1PrefixIsRejected() throws Exception {
            String hex = metaSignature(APP_SECRET, body).substring("sha256=".length());
            assertThat(verifier.verify(post(body, hex), tenant())).isFalse();
            assertThat(verifier.verify(post(body, "sha1=" + hex), tenant())).isFalse();
        }

        @Test
        void tamperedBodyIsRejected() throws Exception {
            String header = metaSignature(APP_SECRET, body);
            byte[] tampered = new String(body, StandardCharsets.UTF_8)
                    .replace("Is de auto nog beschikbaar?", "Is de auto nog beschikbaar!")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(verifier.verify(post(tampered, header), tenant())).isFalse();
        }

        @Test
        void signatureWithAnotherSecretIsRejected() throws Exception {
            assertThat(verifier.verify(post(body, metaSignature("another-apps-secret", body)), tenant())).isFalse();
        }

        @Test
        void connectorWithoutAppSecretRejectsEverything() throws Exception {
            assertThat(verifier.verify(post(body, metaSignature(APP_SECRET, body)),
                    tenant(Map.of(), nullValue("appSecret")))).isFalse();
        }

        @Test
        void nonAsciiBodyIsVerifiedOverTheExactEscapedBytesMetaSent() throws Exception {
            // Meta sends and signs "Wäre" as W\u00e4re and "/" as \/; hashing decoded or re-serialized
            // JSON would produce another digest.
            String escaped = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":"
                    + "\"messages\",\"value\":{\"messages\":[{\"from\":\"31612345678\",\"id\":\"wamid.X\",\"type\":"
                    + "\"text\",\"text\":{\"body\":\"W\\u00e4re 10\\u0025 Rabatt m\\u00f6glich? https:\\/\\/a.b\"}}]}}]}]}";
            byte[] raw = escaped.getBytes(StandardCharsets.US_ASCII);
            String header = metaSignature(APP_SECRET, raw);
            assertThat(verifier.verify(post(raw, header), tenant())).isTrue();

            byte[] decoded = escaped.replace("\\u00e4", "ä").replace("\\u0025", "%").replace("\\u00f6", "ö")
                    .replace("\\/", "/").getBytes(StandardCharsets.UTF_8);
            assertThat(verifier.verify(post(decoded, header), tenant())).isFalse();
        }

        @Test
        void rawUtf8BodyIsVerifiedOverItsBytes() throws Exception {
            byte[] raw = "{\"text\":\"Wäre möglich 👍\"}".getBytes(StandardCharsets.UTF_8);
            assertThat(verifier.verify(post(raw, metaSignature(APP_SECRET, raw)), tenant())).isTrue();
            assertThat(verifier.verify(signedPost(raw, APP_SECRET), tenant())).isTrue();
        }
    }

    @Nested
    class Handshake {

        @Test
        void correctTokenEchoesTheChallenge() {
            WebhookReply reply = verifier.handshake(get(Map.of("hub.mode", "subscribe",
                    "hub.verify_token", VERIFY_TOKEN, "hub.challenge", "1158201444")), tenant()).orElseThrow();
            assertThat(reply).isEqualTo(new WebhookReply(200, "text/plain", "1158201444"));
        }

        @Test
        void wrongTokenIsForbidden() {
            assertThat(verifier.handshake(get(Map.of("hub.mode", "subscribe", "hub.verify_token", "guess",
                    "hub.challenge", "1158201444")), tenant())).contains(WebhookReply.forbidden());
        }

        @Test
        void missingTokenIsForbidden() {
            assertThat(verifier.handshake(get(Map.of("hub.mode", "subscribe", "hub.challenge", "1158201444")),
                    tenant())).contains(WebhookReply.forbidden());
        }

        @Test
        void missingOrOtherModeIsForbidden() {
            assertThat(verifier.handshake(get(Map.of("hub.verify_token", VERIFY_TOKEN,
                    "hub.challenge", "1158201444")), tenant())).contains(WebhookReply.forbidden());
            assertThat(verifier.handshake(get(Map.of("hub.mode", "unsubscribe", "hub.verify_token", VERIFY_TOKEN,
                    "hub.challenge", "1158201444")), tenant())).contains(WebhookReply.forbidden());
        }

        @Test
        void connectorWithoutVerifyTokenRefusesEveryHandshake() {
            assertThat(verifier.handshake(get(Map.of("hub.mode", "subscribe", "hub.verify_token", "",
                    "hub.challenge", "1")), tenant(Map.of(), nullValue("verifyToken"))))
                    .contains(WebhookReply.forbidden());
        }

        @Test
        void postIsNotAHandshake() {
            assertThat(verifier.handshake(signedPost(body, APP_SECRET), tenant())).isEmpty();
        }
    }

    @Nested
    class AccountRouting {

        @Test
        void accountIdIsThePhoneNumberIdOfThePayload() {
            assertThat(verifier.accountId(post(body, null))).contains(WhatsAppFixtures.PHONE_NUMBER_ID);
        }

        @Test
        void batchYieldsTheFirstPhoneNumberId() {
            assertThat(verifier.accountId(post(WhatsAppFixtures.bytes("inbound/batch-multi-entry.json"), null)))
                    .contains(WhatsAppFixtures.PHONE_NUMBER_ID);
        }

        @Test
        void garbageHasNoAccount() {
            for (String garbage : new String[] {"", "{", "null", "[]", "{\"object\":\"page\",\"entry\":[]}",
                    "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{}}]}]}"}) {
                assertThat(verifier.accountId(post(garbage.getBytes(StandardCharsets.UTF_8), null)))
                        .as(garbage).isEmpty();
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"account-update-verified.json", "phone-number-quality-update.json",
                "business-capability-update.json", "template-status-update.json"})
        void accountEventsAreRoutedByTheirBusinessAccount(String fixture) {
            WebhookRequest request = post(WhatsAppFixtures.bytes("inbound/" + fixture), null);
            assertThat(verifier.accountIds(request)).isEmpty();
            assertThat(verifier.parentAccounts(request)).containsExactly(new ParentAccount("wabaId", WABA_ID));
        }

        @Test
        void messagesAreRoutedByPhoneNumberOnly() {
            WebhookRequest request = post(body, null);
            assertThat(verifier.accountIds(request)).containsExactly(WhatsAppFixtures.PHONE_NUMBER_ID);
            assertThat(verifier.parentAccounts(request)).isEmpty();
        }

        @Test
        void aBatchNamesEveryPhoneNumberAndTheBusinessAccountOfItsTemplateUpdate() {
            WebhookRequest request = post(WhatsAppFixtures.bytes("inbound/batch-multi-entry.json"), null);
            assertThat(verifier.accountIds(request)).containsExactly(WhatsAppFixtures.PHONE_NUMBER_ID,
                    "106540352249999");
            assertThat(verifier.parentAccounts(request)).containsExactly(new ParentAccount("wabaId", WABA_ID));
        }

        @Test
        void aBatchOfMessagesAndAccountEventsNamesBoth() {
            WebhookRequest request = post(WhatsAppFixtures.bytes("inbound/mixed-message-and-account-events.json"), null);
            assertThat(verifier.accountIds(request)).containsExactly(WhatsAppFixtures.PHONE_NUMBER_ID);
            assertThat(verifier.parentAccounts(request)).containsExactly(new ParentAccount("wabaId", WABA_ID));
        }

        @Test
        void garbageHasNoParentAccount() {
            for (String garbage : new String[] {"", "{", "[]", "{\"object\":\"page\",\"entry\":[{\"id\":\"1\","
                    + "\"changes\":[{}]}]}", "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{}]}]}"}) {
                assertThat(verifier.parentAccounts(post(garbage.getBytes(StandardCharsets.UTF_8), null)))
                        .as(garbage).isEmpty();
            }
        }

        @Test
        void keepsOnlyTheContentTypeHeader() {
            assertThat(verifier.headersToKeep()).containsExactly("Content-Type");
        }
    }

    private static Map<String, String> nullValue(String key) {
        Map<String, String> map = new HashMap<>();
        map.put(key, null);
        return map;
    }
}

package io.channelhub.connector.google;

import static io.channelhub.connector.google.GoogleFixtures.CLIENT_TOKEN;
import static io.channelhub.connector.google.GoogleFixtures.bytes;
import static io.channelhub.connector.google.GoogleFixtures.envelope;
import static io.channelhub.connector.google.GoogleFixtures.post;
import static io.channelhub.connector.google.GoogleFixtures.signature;
import static io.channelhub.connector.google.GoogleFixtures.signedPush;
import static io.channelhub.connector.google.GoogleFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.core.spi.WebhookReply;
import io.channelhub.core.spi.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code X-Goog-Signature} over the decoded {@code message.data}, one test per way it can be wrong, and the
 * registration handshake.
 */
class GoogleWebhookVerifierTest {

    private static final byte[] DATA = bytes("inbound/text.json");

    private final GoogleWebhookVerifier verifier = new GoogleWebhookVerifier();

    @Test
    void validSignatureVerifies() {
        assertThat(verifier.verify(signedPush(DATA, CLIENT_TOKEN), tenant())).isTrue();
    }

    @Test
    void theDocumentedEnvelopeVerifiesWithTheSignatureOfItsDecodedData() {
        byte[] body = bytes("inbound/push-envelope-text.json");
        assertThat(verifier.verify(post(body, signature(DATA, CLIENT_TOKEN)), tenant())).isTrue();
    }

    @Test
    void missingSignatureIsRejected() {
        assertThat(verifier.verify(post(envelope(DATA), null), tenant())).isFalse();
    }

    @Test
    void emptySignatureIsRejected() {
        assertThat(verifier.verify(post(envelope(DATA), ""), tenant())).isFalse();
    }

    @Test
    void signatureWithAnotherClientTokenIsRejected() {
        assertThat(verifier.verify(signedPush(DATA, "another-agents-token"), tenant())).isFalse();
    }

    @Test
    void tamperedDataIsRejected() {
        byte[] tampered = new String(DATA, StandardCharsets.UTF_8).replace("beschikbaar", "verkocht")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.verify(post(envelope(tampered), signature(DATA, CLIENT_TOKEN)), tenant())).isFalse();
    }

    @Test
    void signatureOverTheEnvelopeInsteadOfTheDataIsRejected() {
        byte[] body = envelope(DATA);
        assertThat(verifier.verify(post(body, signature(body, CLIENT_TOKEN)), tenant())).isFalse();
    }

    @Test
    void hexInsteadOfBase64IsRejected() {
        byte[] mac = Base64.getDecoder().decode(signature(DATA, CLIENT_TOKEN));
        String hex = java.util.HexFormat.of().formatHex(mac);
        assertThat(verifier.verify(post(envelope(DATA), hex), tenant())).isFalse();
    }

    @Test
    void tenantWithoutClientTokenVerifiesNothing() {
        assertThat(verifier.verify(signedPush(DATA, CLIENT_TOKEN),
                tenant(GoogleFixtures.NOWHERE, Map.of(), java.util.Collections.singletonMap(
                        GoogleSettings.CLIENT_TOKEN, null)))).isFalse();
    }

    @Test
    void bodyWithoutDataOrNotBase64IsRejected() {
        String sig = signature(DATA, CLIENT_TOKEN);
        assertThat(verifier.verify(post("{\"message\":{}}".getBytes(StandardCharsets.UTF_8), sig), tenant())).isFalse();
        assertThat(verifier.verify(post("{\"message\":{\"data\":\"***\"}}".getBytes(StandardCharsets.UTF_8), sig),
                tenant())).isFalse();
        assertThat(verifier.verify(post("not json".getBytes(StandardCharsets.UTF_8), sig), tenant())).isFalse();
    }

    @Test
    void handshakeWithTheRightClientTokenEchoesTheSecret() {
        Optional<WebhookReply> reply = verifier.handshake(post(bytes("inbound/handshake.json"), null), tenant());
        assertThat(reply).contains(WebhookReply.text(200, "1234567890"));
    }

    @Test
    void handshakeWithAWrongOrMissingClientTokenIsForbidden() {
        byte[] wrong = "{\"clientToken\":\"guess\",\"secret\":\"1234567890\"}".getBytes(StandardCharsets.UTF_8);
        byte[] missing = "{\"secret\":\"1234567890\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.handshake(post(wrong, null), tenant())).contains(WebhookReply.forbidden());
        assertThat(verifier.handshake(post(missing, null), tenant())).contains(WebhookReply.forbidden());
    }

    @Test
    void aPushIsNoHandshake() {
        assertThat(verifier.handshake(signedPush(DATA, CLIENT_TOKEN), tenant())).isEmpty();
        WebhookRequest get = new WebhookRequest("GET", "https://hub.example.com/webhooks/google", Map.of(), Map.of(),
                bytes("inbound/handshake.json"));
        assertThat(verifier.handshake(get, tenant())).isEmpty();
    }

    @Test
    void platformWideTenantIsFoundByAgentIdWithoutGooglesDomain() {
        assertThat(verifier.accountId(signedPush(DATA, CLIENT_TOKEN))).contains(GoogleFixtures.AGENT_ID);
        assertThat(verifier.accountIds(signedPush(DATA, CLIENT_TOKEN))).containsExactly(GoogleFixtures.AGENT_ID);
        assertThat(verifier.accountId(post(bytes("inbound/handshake.json"), null))).isEmpty();
    }
}

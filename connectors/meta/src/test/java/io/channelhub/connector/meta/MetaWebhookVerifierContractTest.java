package io.channelhub.connector.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.core.spi.Secrets;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookReply;
import io.channelhub.core.spi.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The family's webhook security, run by every Meta channel against its own verifier: every way a signature or
 * a handshake can be wrong is refused, and a batch is routed to each of its accounts. A channel supplies its
 * verifier and a body of its own batching several accounts.
 */
public abstract class MetaWebhookVerifierContractTest {

    private static final String APP_SECRET = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private static final String VERIFY_TOKEN = "handshake-token-31";
    /** Meta signs the bytes it sends, escapes and all: "\u00e9" is six bytes here, not two. */
    private static final byte[] BODY = "{\"object\":\"page\",\"entry\":[{\"id\":\"P1\",\"text\":\"caf\\u00e9\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    private final MetaWebhookVerifier verifier = verifier();

    /** The channel's verifier. */
    protected abstract MetaWebhookVerifier verifier();

    /** The channel id, as the hub names the tenant's connector. */
    protected abstract String channel();

    /** A webhook body of the channel with events of several accounts, one account more than once. */
    protected abstract byte[] batchOfSeveralAccounts();

    /** The accounts of {@link #batchOfSeveralAccounts()}, each once, in order. */
    protected abstract List<String> accountsOfTheBatch();

    private static String hmacHex(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private TenantConnector tenant(String appSecret) {
        Map<String, String> secrets = new HashMap<>(Map.of("verifyToken", VERIFY_TOKEN));
        if (appSecret != null) {
            secrets.put("appSecret", appSecret);
        }
        return new TenantConnector("t-1", channel(), Map.of(), Secrets.of(secrets));
    }

    private WebhookRequest post(byte[] body, String signature) {
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json"));
        if (signature != null) {
            headers.put("X-Hub-Signature-256", signature);
        }
        return new WebhookRequest("POST", "https://hub.example.com/webhooks/" + channel(), Map.of(), headers, body);
    }

    @Test
    void theHmacOfTheRawBytesVerifies() throws Exception {
        assertThat(verifier.verify(post(BODY, "sha256=" + hmacHex(APP_SECRET, BODY)), tenant(APP_SECRET))).isTrue();
        assertThat(verifier.verify(post(BODY, " SHA256=" + hmacHex(APP_SECRET, BODY).toUpperCase() + " "),
                tenant(APP_SECRET))).as("case and surrounding blanks do not matter").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no header                  | NONE",
            "empty header               | ''",
            "hex without prefix         | HEX",
            "sha1 prefix                | sha1=HEX",
            "prefix only                | sha256=",
            "not hex                    | sha256=zz",
            "hex of another secret      | sha256=OTHER",
            "hex of the decoded body    | sha256=DECODED",
            "truncated hex              | sha256=SHORT",
    })
    void aWrongSignatureIsRefused(String name, String template) throws Exception {
        String hex = hmacHex(APP_SECRET, BODY);
        String decodedBody = new String(BODY, StandardCharsets.UTF_8).replace("\\u00e9", "é");
        String header = "NONE".equals(template) ? null : template
                .replace("OTHER", hmacHex("another-secret", BODY))
                .replace("DECODED", hmacHex(APP_SECRET, decodedBody.getBytes(StandardCharsets.UTF_8)))
                .replace("SHORT", hex.substring(0, 63))
                .replace("HEX", hex);
        assertThat(verifier.verify(post(BODY, header), tenant(APP_SECRET))).isFalse();
    }

    @Test
    void aChangedByteIsRefused() throws Exception {
        String header = "sha256=" + hmacHex(APP_SECRET, BODY);
        byte[] changed = BODY.clone();
        changed[changed.length - 3] ^= 1;
        assertThat(verifier.verify(post(changed, header), tenant(APP_SECRET))).isFalse();
    }

    @Test
    void aConnectorWithoutAppSecretVerifiesNothing() throws Exception {
        assertThat(verifier.verify(post(BODY, "sha256=" + hmacHex(APP_SECRET, BODY)), tenant(null))).isFalse();
    }

    @Test
    void theHandshakeEchoesTheChallengeForTheRightToken() {
        Optional<WebhookReply> reply = verifier.handshake(get("subscribe", VERIFY_TOKEN, "1158201444"),
                tenant(APP_SECRET));
        assertThat(reply).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("1158201444");
        });
    }

    @ParameterizedTest(name = "mode={0} token={1} challenge={2}")
    @CsvSource(value = {
            "subscribe,   wrong-token,        42",
            "unsubscribe, handshake-token-31, 42",
            "NULL,        handshake-token-31, 42",
            "subscribe,   NULL,               42",
            "subscribe,   handshake-token-31, NULL",
            "subscribe,   handshake-token-3,  42",
    }, nullValues = "NULL")
    void anyOtherGetIsForbidden(String mode, String token, String challenge) {
        assertThat(verifier.handshake(get(mode, token, challenge), tenant(APP_SECRET)))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(403));
    }

    @Test
    void aPostIsNoHandshake() {
        assertThat(verifier.handshake(post(BODY, null), tenant(APP_SECRET))).isEmpty();
    }

    @Test
    void routesEveryAccountOfTheBatchAndTakesJsonOnly() {
        byte[] batch = batchOfSeveralAccounts();
        assertThat(verifier.accountIds(post(batch, null))).containsExactlyElementsOf(accountsOfTheBatch());
        assertThat(verifier.accountId(post(batch, null))).contains(accountsOfTheBatch().get(0));
        assertThat(verifier.accountIds(post("not json".getBytes(StandardCharsets.UTF_8), null))).isEmpty();
        assertThat(verifier.payloadTypes()).containsExactly("application/json");
    }

    private WebhookRequest get(String mode, String token, String challenge) {
        Map<String, List<String>> query = new HashMap<>();
        if (mode != null) {
            query.put("hub.mode", List.of(mode));
        }
        if (token != null) {
            query.put("hub.verify_token", List.of(token));
        }
        if (challenge != null) {
            query.put("hub.challenge", List.of(challenge));
        }
        return new WebhookRequest("GET", "https://hub.example.com/webhooks/" + channel(), query, Map.of(), null);
    }
}

package io.channelhub.connector.google;

import static io.channelhub.core.spi.PropertySupport.apply;
import static io.channelhub.core.spi.PropertySupport.assertNormalizesOrRefuses;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.signature.HmacSignatures;
import io.channelhub.core.spi.JsonSlot;
import io.channelhub.core.spi.PropertySupport;
import io.channelhub.core.spi.PropertySupport.ByteEdit;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookReply;
import io.channelhub.core.spi.WebhookRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Property tests of the RBM normalizer and webhook verifier: whatever arrives — random bytes, random data
 * inside a well-formed push envelope, RBM-shaped objects with random values, documented pushes cut or
 * flipped, or with fields removed or swapped for values of the wrong type — the normalizer answers
 * well-formed canonical events or {@code MalformedPayloadException} in time (see {@link PropertySupport}).
 * The verifier never throws; only the HMAC of the decoded data under the tenant's client token verifies,
 * and a handshake echoes its secret only for the tenant's client token.
 */
class GoogleNormalizerPropertiesTest {
    private static final int TRIES = 1000;
    private static final List<String> FIXTURES = List.of("text.json", "user-file-image.json", "user-file-pdf.json",
            "location.json", "suggestion-reply.json", "suggestion-action.json", "unknown-content.json",
            "event-delivered.json", "event-read.json", "event-is-typing.json", "event-unsubscribe.json",
            "server-ttl-expiration-revoked.json", "server-ttl-expiration-revoke-failed.json");
    private static final List<String> FIELDS = List.of("senderPhoneNumber", "phoneNumber", "messageId", "eventId",
            "eventType", "sendTime", "agentId", "text", "userFile", "payload", "thumbnail", "fileUri", "mimeType",
            "fileName", "fileSizeBytes", "location", "latitude", "longitude", "suggestionResponse", "postbackData",
            "type", "carrier");
    private static final List<String> EVENT_TYPES = List.of("DELIVERED", "READ", "IS_TYPING", "UNSUBSCRIBE", "SUBSCRIBE",
            "TTL_EXPIRATION_REVOKED", "TTL_EXPIRATION_REVOKE_FAILED", "EVENT_TYPE_UNSPECIFIED");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final GoogleInboundNormalizer normalizer = new GoogleInboundNormalizer();
    private final GoogleWebhookVerifier verifier = new GoogleWebhookVerifier();

    // ---- normalizer ---------------------------------------------------------------------------------

    @Property(tries = TRIES)
    void arbitraryBodies(@ForAll @Size(max = 2048) byte[] body) {
        assertNormalizesOrRefuses(normalizer, GoogleFixtures.payload(body));
    }

    @Property(tries = TRIES)
    void arbitraryDataInAnEnvelope(@ForAll @Size(max = 1024) byte[] data) {
        assertNormalizesOrRefuses(normalizer, GoogleFixtures.payload(GoogleFixtures.envelope(data)));
    }

    @Property(tries = TRIES)
    void rbmShapedDataWithRandomValues(@ForAll("rbmData") JsonNode data) {
        assertNormalizesOrRefuses(normalizer, GoogleFixtures.payload(GoogleFixtures.envelope(bytes(data))));
    }

    @Property(tries = TRIES)
    void documentedPushesCutFlippedAndSpliced(@ForAll("fixtures") String fixture,
                                              @ForAll @Size(min = 1, max = 4) List<@From("byteEdits") ByteEdit> edits) {
        byte[] envelope = GoogleFixtures.envelope(GoogleFixtures.bytes("inbound/" + fixture));
        assertNormalizesOrRefuses(normalizer, GoogleFixtures.payload(apply(envelope, edits)));
    }

    @Property(tries = TRIES)
    void documentedDataWithFieldsRemovedOrOfTheWrongType(@ForAll("fixtures") String fixture,
                                                         @ForAll @Size(min = 1, max = 4) List<Integer> picks,
                                                         @ForAll("values") List<JsonNode> replacements) {
        JsonNode data = tree(GoogleFixtures.bytes("inbound/" + fixture));
        for (int i = 0; i < picks.size(); i++) {
            List<JsonSlot> slots = JsonSlot.all(data);
            if (slots.isEmpty()) {
                break;
            }
            JsonSlot slot = slots.get(Math.floorMod(picks.get(i), slots.size()));
            if (i >= replacements.size()) {
                slot.remove();
            } else {
                slot.set(replacements.get(i));
            }
        }
        assertNormalizesOrRefuses(normalizer, GoogleFixtures.payload(GoogleFixtures.envelope(bytes(data))));
    }

    // ---- verifier -----------------------------------------------------------------------------------

    @Property(tries = TRIES)
    void verifyAndHandshakeNeverThrow(@ForAll @Size(max = 512) byte[] body, @ForAll("signatures") Optional<String> signature,
                                      @ForAll("clientTokens") Optional<String> clientToken, @ForAll boolean get) {
        TenantConnector tenant = GoogleFixtures.tenant(GoogleFixtures.NOWHERE, Map.of(),
                clientToken.map(t -> Map.of(GoogleSettings.CLIENT_TOKEN, t)).orElse(Map.of()));
        Map<String, String> headers = new HashMap<>();
        signature.ifPresent(s -> headers.put(GoogleWebhookVerifier.SIGNATURE_HEADER, s));
        WebhookRequest request = new WebhookRequest(get ? "GET" : "POST", "https://hub.example.com/webhooks/google",
                Map.of(), headers, body);
        boolean verified = verifier.verify(request, tenant);
        Optional<WebhookReply> reply = verifier.handshake(request, tenant);
        verifier.accountIds(request);
        if (verified) {
            assertThat(signature).isPresent();
        }
        reply.filter(r -> r.status() == 200).ifPresent(r -> assertThat(new String(body, StandardCharsets.UTF_8))
                .contains(r.body()));
    }

    @Property(tries = TRIES)
    void onlyTheHmacOfTheDecodedDataUnderTheTenantsTokenVerifies(
            @ForAll("fixtures") String fixture, @ForAll @Size(min = 1, max = 3) List<@From("byteEdits") ByteEdit> edits,
            @ForAll("token") String clientToken) {
        byte[] signed = GoogleFixtures.bytes("inbound/" + fixture);
        byte[] sent = apply(signed, edits);
        Assume.that(!Arrays.equals(signed, sent));
        TenantConnector tenant = GoogleFixtures.tenant(GoogleFixtures.NOWHERE, Map.of(),
                Map.of(GoogleSettings.CLIENT_TOKEN, clientToken));
        String signature = HmacSignatures.hmacSha512Base64(clientToken, signed);
        assertThat(verifier.verify(GoogleFixtures.post(GoogleFixtures.envelope(signed), signature), tenant))
                .as("the signed data").isTrue();
        assertThat(verifier.verify(GoogleFixtures.post(GoogleFixtures.envelope(sent), signature), tenant))
                .as("other data").isFalse();
        TenantConnector other = GoogleFixtures.tenant(GoogleFixtures.NOWHERE, Map.of(),
                Map.of(GoogleSettings.CLIENT_TOKEN, clientToken + "x"));
        assertThat(verifier.verify(GoogleFixtures.post(GoogleFixtures.envelope(signed), signature), other))
                .as("another tenant's token").isFalse();
    }

    @Property(tries = TRIES)
    void aHandshakeEchoesTheSecretOnlyForTheTenantsToken(@ForAll("token") String tenantToken,
                                                         @ForAll("token") String offered,
                                                         @ForAll("secretValues") String secret) {
        ObjectNode handshake = NODES.objectNode().put("clientToken", offered).put("secret", secret);
        TenantConnector tenant = GoogleFixtures.tenant(GoogleFixtures.NOWHERE, Map.of(),
                Map.of(GoogleSettings.CLIENT_TOKEN, tenantToken));
        WebhookReply reply = verifier.handshake(GoogleFixtures.post(bytes(handshake), null), tenant).orElseThrow();
        if (offered.equals(tenantToken)) {
            assertThat(reply).isEqualTo(WebhookReply.text(200, secret));
        } else {
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.body()).doesNotContain(secret.isEmpty() ? "\u0000" : secret);
        }
    }

    // ---- generators ---------------------------------------------------------------------------------

    @Provide
    Arbitrary<String> fixtures() {
        return Arbitraries.of(FIXTURES);
    }

    @Provide
    Arbitrary<ByteEdit> byteEdits() {
        return PropertySupport.byteEdits();
    }

    @Provide
    Arbitrary<String> token() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(40);
    }

    @Provide
    Arbitrary<String> secretValues() {
        return PropertySupport.strings();
    }

    @Provide
    Arbitrary<Optional<String>> clientTokens() {
        return PropertySupport.strings().map(Optional::of).injectNull(0.2)
                .map(o -> o == null ? Optional.<String>empty() : o);
    }

    @Provide
    Arbitrary<Optional<String>> signatures() {
        return Arbitraries.oneOf(PropertySupport.strings(),
                        Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
                                .ofLength(88))
                .map(Optional::of).injectNull(0.2).map(o -> o == null ? Optional.<String>empty() : o);
    }

    @Provide
    Arbitrary<List<JsonNode>> values() {
        return value(2).list().ofMaxSize(4);
    }

    /** An object of RBM's field names, each holding a likely value, a random leaf or a nested object. */
    @Provide
    Arbitrary<JsonNode> rbmData() {
        Arbitrary<JsonNode> fieldValue = Arbitraries.oneOf(value(2),
                Arbitraries.of(EVENT_TYPES).map(NODES::textNode),
                Arbitraries.of("+31612345678", "0612345678", GoogleFixtures.HUB_ID, "2026-11-20T10:15:30Z")
                        .map(NODES::textNode));
        return Arbitraries.maps(Arbitraries.of(FIELDS), fieldValue).ofMaxSize(8).map(fields -> {
            ObjectNode data = NODES.objectNode();
            fields.forEach(data::set);
            return data;
        });
    }

    private Arbitrary<JsonNode> value(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(PropertySupport.strings().map(NODES::textNode),
                Arbitraries.doubles().map(NODES::numberNode), Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.of(NODES.booleanNode(true), NODES.nullNode()));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> object = Arbitraries.maps(Arbitraries.of(FIELDS), value(depth - 1)).ofMaxSize(4)
                .map(fields -> {
                    ObjectNode node = NODES.objectNode();
                    fields.forEach(node::set);
                    return node;
                });
        Arbitrary<JsonNode> array = value(depth - 1).list().ofMaxSize(3).map(items -> {
            var node = NODES.arrayNode();
            items.forEach(node::add);
            return node;
        });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, leaf), net.jqwik.api.Tuple.of(2, object),
                net.jqwik.api.Tuple.of(1, array));
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return HubJson.mapper().writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(byte[] json) {
        try {
            return HubJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.channelhub.connector.whatsapp;

import io.channelhub.connector.meta.MetaJsonArbitraries;
import io.channelhub.connector.meta.MetaNormalizerPropertiesContract;
import io.channelhub.core.spi.InboundNormalizer;
import io.channelhub.core.spi.PropertySupport;
import static io.channelhub.core.spi.PropertySupport.apply;
import static io.channelhub.core.spi.PropertySupport.assertNormalizesOrRefuses;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.core.spi.PropertySupport.ByteEdit;
import io.channelhub.core.signature.HmacSignatures;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookReply;
import io.channelhub.core.spi.WebhookRequest;
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
 * Property tests of the WhatsApp normalizer and webhook verifier (issue #6): whatever bytes arrive —
 * random bytes, random JSON of WhatsApp's vocabulary, real fixtures cut, flipped or with nodes swapped for
 * values of the wrong type (the Meta family's {@link MetaNormalizerPropertiesContract}), and webhook skeletons
 * with random messages, statuses and contacts — the normalizer answers well-formed canonical events or
 * {@code MalformedPayloadException}, never anything else and never hangs (see {@link PropertySupport}). The verifier never throws, and a signature over one body never
 * verifies another.
 */
class WhatsAppNormalizerPropertiesTest extends MetaNormalizerPropertiesContract {
    private static final List<String> FIXTURES = List.of("audio-voice.json", "batch-multi-entry.json",
            "bsuid-username-without-phone.json", "bsuid-with-phone.json", "button-template-quick-reply.json",
            "contacts.json", "document.json", "image.json", "interactive-button-reply.json",
            "interactive-list-reply.json", "location.json", "reaction-removed.json", "reaction.json",
            "referral-ad.json", "reply-with-context.json", "status-delivered.json",
            "status-failed-reengagement.json", "status-failed-undeliverable.json",
            "status-read-without-delivered.json", "status-read.json", "status-sent.json", "sticker.json",
            "template-status-update.json", "text.json", "unknown-order.json", "unsupported.json", "video.json");
    private static final Map<String, byte[]> FIXTURE_BYTES = new HashMap<>();
    private static final List<String> KEYS = List.of("object", "entry", "id", "changes", "field", "value",
            "messaging_product", "metadata", "display_phone_number", "phone_number_id", "contacts", "profile",
            "name", "username", "wa_id", "user_id", "messages", "from", "from_user_id", "timestamp", "type", "text",
            "body", "image", "audio", "video", "document", "sticker", "mime_type", "sha256", "caption", "filename",
            "voice", "animated", "location", "latitude", "longitude", "address", "phones", "phone", "emails",
            "email", "formatted_name", "first_name", "last_name", "interactive", "button_reply", "list_reply",
            "title", "description", "button", "payload", "reaction", "message_id", "emoji", "context", "forwarded",
            "frequently_forwarded", "referral", "source_url", "statuses", "status", "recipient_id",
            "biz_opaque_callback_data", "errors", "code", "message", "error_data", "details", "conversation",
            "pricing", "order", "system", "unknown");
    private static final List<String> TYPES = List.of("text", "image", "audio", "video", "document", "sticker",
            "location", "contacts", "interactive", "button", "reaction", "order", "system", "unknown", "request_welcome");
    private static final List<String> STATUSES = List.of("sent", "delivered", "read", "played", "failed",
            "deleted", "warning");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final MetaJsonArbitraries JSON = new MetaJsonArbitraries(KEYS, TYPES);

    private final WhatsAppInboundNormalizer normalizer = new WhatsAppInboundNormalizer();
    private final WhatsAppWebhookVerifier verifier = new WhatsAppWebhookVerifier();

    // ---- normalizer ---------------------------------------------------------------------------------

    @Property(tries = TRIES)
    void webhookSkeletonsWithRandomMessagesStatusesAndContacts(@ForAll("webhooks") JsonNode webhook,
                                                               @ForAll("accounts") Optional<String> account) {
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json"));
        account.ifPresent(a -> headers.put(InboundPayload.ACCOUNT_HEADER, a));
        assertNormalizesOrRefuses(normalizer, new InboundPayload(WhatsAppFixtures.TENANT, "whatsapp", bytes(webhook),
                headers, WhatsAppFixtures.RECEIVED_AT));
    }

    // ---- verifier -----------------------------------------------------------------------------------

    @Property(tries = TRIES)
    void verifyAndHandshakeNeverThrow(@ForAll("headers") Map<String, String> headers,
                                      @ForAll @Size(max = 512) byte[] body,
                                      @ForAll("secrets") Map<String, String> secrets,
                                      @ForAll("queries") Map<String, List<String>> query,
                                      @ForAll boolean get) {
        TenantConnector tenant = WhatsAppFixtures.tenant(Map.of(), secrets);
        WebhookRequest request = new WebhookRequest(get ? "GET" : "POST",
                "https://hub.example.com/webhooks/whatsapp/" + WhatsAppFixtures.TENANT, query, headers, body);
        boolean verified = verifier.verify(request, tenant);
        Optional<WebhookReply> reply = verifier.handshake(request, tenant);
        verifier.accountIds(request);
        verifier.accountId(request);
        if (verified) {
            // only a real HMAC of this body with this tenant's secret verifies
            String secret = tenant.secrets().get("appSecret").orElseThrow();
            assertThat(headers.get("X-Hub-Signature-256").trim().substring(7))
                    .isEqualToIgnoringCase(HmacSignatures.hmacSha256Hex(secret, body));
        }
        if (reply.isPresent() && reply.get().status() == 200) {
            assertThat(query.get("hub.mode")).containsExactly("subscribe");
            assertThat(tenant.secrets().get("verifyToken")).contains(query.get("hub.verify_token").get(0));
        }
    }

    @Property(tries = TRIES)
    void aSignatureOverOneBodyNeverVerifiesAnother(@ForAll("fixtures") String fixture,
                                                   @ForAll @Size(min = 1, max = 3) List<@From("byteEdits") ByteEdit> edits,
                                                   @ForAll("secret") String secret) {
        byte[] signed = fixture(fixture);
        byte[] sent = apply(signed, edits);
        Assume.that(!Arrays.equals(signed, sent));
        TenantConnector tenant = WhatsAppFixtures.tenant(Map.of(), Map.of("appSecret", secret));
        String signature = "sha256=" + HmacSignatures.hmacSha256Hex(secret, signed);
        assertThat(verifier.verify(WhatsAppFixtures.post(signed, signature), tenant)).as("the signed body").isTrue();
        assertThat(verifier.verify(WhatsAppFixtures.post(sent, signature), tenant)).as("another body").isFalse();
        // nor does it verify for another tenant's secret
        TenantConnector other = WhatsAppFixtures.tenant(Map.of(), Map.of("appSecret", secret + "x"));
        assertThat(verifier.verify(WhatsAppFixtures.post(signed, signature), other)).isFalse();
    }

    // ---- generators ---------------------------------------------------------------------------------

    @Provide
    Arbitrary<Optional<String>> accounts() {
        return Arbitraries.oneOf(Arbitraries.just(Optional.empty()),
                Arbitraries.of(WhatsAppFixtures.PHONE_NUMBER_ID, "", "other").map(Optional::of));
    }

    @Provide
    Arbitrary<String> secret() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(40).filter(s -> !s.isEmpty());
    }

    @Provide
    Arbitrary<Map<String, String>> secrets() {
        return Arbitraries.maps(Arbitraries.of("appSecret", "verifyToken", "accessToken"),
                PropertySupport.strings()).ofMaxSize(3);
    }

    @Provide
    Arbitrary<Map<String, String>> headers() {
        Arbitrary<String> signatures = Arbitraries.oneOf(PropertySupport.strings(),
                PropertySupport.strings().map(s -> "sha256=" + s),
                Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofMaxLength(70).map(s -> "sha256=" + s),
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).map(s -> " SHA256=" + s + " "));
        return Combinators.combine(Arbitraries.maps(Arbitraries.of("Content-Type", "X-Hub-Signature",
                                "x-hub-signature-256", "Authorization"), PropertySupport.strings()).ofMaxSize(3),
                        signatures.injectNull(0.2))
                .as((other, signature) -> {
                    Map<String, String> headers = new HashMap<>(other);
                    headers.remove("x-hub-signature-256");
                    if (signature != null) {
                        headers.put("X-Hub-Signature-256", signature);
                    }
                    return headers;
                });
    }

    @Provide
    Arbitrary<Map<String, List<String>>> queries() {
        return Arbitraries.maps(Arbitraries.of("hub.mode", "hub.verify_token", "hub.challenge", "x"),
                PropertySupport.strings().list().ofMaxSize(2)).ofMaxSize(4);
    }

    @Provide
    Arbitrary<JsonNode> webhooks() {
        Arbitrary<JsonNode> leaf = JSON.leaf();
        Arbitrary<JsonNode> messages = message().list().ofMaxSize(3).map(MetaJsonArbitraries::array);
        Arbitrary<JsonNode> statuses = status().list().ofMaxSize(3).map(MetaJsonArbitraries::array);
        Arbitrary<JsonNode> contacts = JSON.object(JSON.json(2), 4).list().ofMaxSize(2).map(MetaJsonArbitraries::array);
        Arbitrary<JsonNode> metadata = Arbitraries.oneOf(leaf, JSON.object(leaf, 3),
                leaf.map(PropertiesJson::metadataWith),
                Arbitraries.just(PropertiesJson.metadata()));
        Arbitrary<JsonNode> value = Combinators.combine(metadata, contacts.injectNull(0.2), messages.injectNull(0.2),
                        statuses.injectNull(0.3), JSON.json(2))
                .as((m, c, ms, st, extra) -> {
                    ObjectNode v = NODES.objectNode();
                    v.put("messaging_product", "whatsapp");
                    v.set("metadata", m);
                    putIfNotNull(v, "contacts", c);
                    putIfNotNull(v, "messages", ms);
                    putIfNotNull(v, "statuses", st);
                    v.set("extra", extra);
                    return v;
                });
        Arbitrary<JsonNode> change = Combinators.combine(value, Arbitraries.of("messages", "messages", "account_update"),
                        Arbitraries.integers().between(0, 9))
                .as((v, field, shape) -> {
                    ObjectNode c = NODES.objectNode();
                    c.put("field", field);
                    c.set("value", shape == 0 ? NODES.arrayNode().add(v) : v);
                    return c;
                });
        Arbitrary<JsonNode> entry = Combinators.combine(leaf, change.list().ofMaxSize(3))
                .as((id, changes) -> {
                    ObjectNode e = NODES.objectNode();
                    e.set("id", id);
                    e.set("changes", MetaJsonArbitraries.array(changes));
                    return e;
                });
        return Combinators.combine(entry.list().ofMaxSize(3), Arbitraries.integers().between(0, 19))
                .as((entries, shape) -> {
                    ObjectNode root = NODES.objectNode();
                    root.put("object", shape == 0 ? "page" : "whatsapp_business_account");
                    root.set("entry", shape == 1 ? NODES.objectNode() : MetaJsonArbitraries.array(entries));
                    return root;
                });
    }

    private Arbitrary<JsonNode> message() {
        return Combinators.combine(Arbitraries.of(TYPES), JSON.leaf().injectNull(0.1), JSON.leaf().injectNull(0.1),
                        JSON.leaf().injectNull(0.2), JSON.json(3), JSON.json(2).injectNull(0.6), JSON.json(2).injectNull(0.7),
                        Arbitraries.of("31612345678", "US.13491208655302741918", "+31 6 1234", "x").injectNull(0.2))
                .as((type, id, from, timestamp, body, context, referral, fromUserId) -> {
                    ObjectNode m = NODES.objectNode();
                    m.put("type", type);
                    putIfNotNull(m, "id", id);
                    putIfNotNull(m, "from", from);
                    putIfNotNull(m, "timestamp", timestamp);
                    m.set(type, body);
                    putIfNotNull(m, "context", context);
                    putIfNotNull(m, "referral", referral);
                    if (fromUserId != null) {
                        m.put("from_user_id", fromUserId);
                    }
                    return m;
                });
    }

    private Arbitrary<JsonNode> status() {
        return Combinators.combine(Arbitraries.of(STATUSES), JSON.leaf().injectNull(0.2), JSON.leaf().injectNull(0.5),
                        JSON.leaf().injectNull(0.2), JSON.json(3).injectNull(0.3))
                .as((status, id, hubId, timestamp, errors) -> {
                    ObjectNode s = NODES.objectNode();
                    s.put("status", status);
                    putIfNotNull(s, "id", id);
                    putIfNotNull(s, "biz_opaque_callback_data", hubId);
                    putIfNotNull(s, "timestamp", timestamp);
                    putIfNotNull(s, "errors", errors);
                    return s;
                });
    }

    private static void putIfNotNull(ObjectNode o, String name, JsonNode value) {
        if (value != null) {
            o.set(name, value);
        }
    }

    @Override
    protected InboundNormalizer normalizer() {
        return normalizer;
    }

    @Override
    protected InboundPayload payload(byte[] body) {
        return WhatsAppFixtures.payload(body);
    }

    @Override
    protected List<String> fixtureNames() {
        return FIXTURES;
    }

    @Override
    protected byte[] fixture(String name) {
        return FIXTURE_BYTES.computeIfAbsent(name, n -> WhatsAppFixtures.bytes("inbound/" + n)).clone();
    }

    @Override
    protected MetaJsonArbitraries vocabulary() {
        return JSON;
    }

    /** Small builders for the generators. */
    static final class PropertiesJson {
        private PropertiesJson() {
        }

        static JsonNode metadataWith(JsonNode value) {
            ObjectNode o = NODES.objectNode();
            o.set("display_phone_number", value);
            o.set("phone_number_id", value);
            return o;
        }

        static JsonNode metadata() {
            ObjectNode o = NODES.objectNode();
            o.put("display_phone_number", "15550783881");
            o.put("phone_number_id", WhatsAppFixtures.PHONE_NUMBER_ID);
            return o;
        }
    }
}

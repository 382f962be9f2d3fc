package io.channelhub.connector.messenger;

import static io.channelhub.core.spi.PropertySupport.assertNormalizesOrRefuses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.connector.meta.MetaJsonArbitraries;
import io.channelhub.connector.meta.MetaNormalizerPropertiesContract;
import io.channelhub.core.spi.InboundNormalizer;
import io.channelhub.core.spi.InboundPayload;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property tests of the Messenger normalizer: the Meta family's (random bytes, random JSON of the Page
 * webhook's vocabulary, real fixtures cut, flipped or with nodes swapped for values of the wrong type) and
 * Page webhooks with random messaging and standby events — the normalizer answers well-formed canonical events
 * or {@code MalformedPayloadException}, never anything else and never hangs. (The signature and handshake are
 * the Meta family's, property-tested once on WhatsApp's verifier.)
 */
class MessengerNormalizerPropertiesTest extends MetaNormalizerPropertiesContract {
    private static final List<String> KEYS = List.of("object", "entry", "id", "time", "messaging", "standby",
            "sender", "recipient", "user_ref", "timestamp", "message", "mid", "text", "attachments", "type", "payload",
            "url", "title", "sticker_id", "coordinates", "lat", "long", "quick_reply", "reply_to", "is_echo",
            "is_deleted", "app_id", "metadata", "message_edit", "num_edit", "delivery", "mids", "watermark", "read",
            "reaction", "emoji", "action", "postback", "referral", "ref", "source", "ad_id", "optin",
            "notification_messages_status", "pass_thread_control", "new_owner_app_id", "unknown");
    private static final List<String> TYPES = List.of("image", "video", "audio", "file", "sticker", "location",
            "fallback", "reel", "ig_reel", "post", "ig_post", "template", "react", "unreact", "notification_messages");
    private static final List<String> EVENT_KINDS = List.of("message", "message_edit", "delivery", "read",
            "reaction", "postback", "referral", "optin", "pass_thread_control", "game_play");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final MetaJsonArbitraries JSON = new MetaJsonArbitraries(KEYS, TYPES);

    private final MessengerInboundNormalizer normalizer = new MessengerInboundNormalizer();

    @Property(tries = TRIES)
    void pageWebhooksWithRandomEvents(@ForAll("webhooks") JsonNode webhook, @ForAll("accounts") Optional<String> account) {
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json"));
        account.ifPresent(a -> headers.put(InboundPayload.ACCOUNT_HEADER, a));
        assertNormalizesOrRefuses(normalizer, new InboundPayload(MessengerFixtures.TENANT, "messenger", bytes(webhook),
                headers, MessengerFixtures.RECEIVED_AT));
    }

    @Override
    protected InboundNormalizer normalizer() {
        return normalizer;
    }

    @Override
    protected InboundPayload payload(byte[] body) {
        return MessengerFixtures.payload(body);
    }

    @Override
    protected List<String> fixtureNames() {
        return MessengerConnectorContractTest.INBOUND_FIXTURES;
    }

    @Override
    protected byte[] fixture(String name) {
        return MessengerFixtures.bytes("inbound/" + name);
    }

    @Override
    protected MetaJsonArbitraries vocabulary() {
        return JSON;
    }

    @Provide
    Arbitrary<Optional<String>> accounts() {
        return Arbitraries.oneOf(Arbitraries.just(Optional.empty()),
                Arbitraries.of(MessengerFixtures.PAGE_ID, "", "other").map(Optional::of));
    }

    /** A Page webhook whose entries hold events of every kind with random bodies, ids and timestamps. */
    @Provide
    Arbitrary<JsonNode> webhooks() {
        Arbitrary<JsonNode> party = Arbitraries.oneOf(JSON.leaf(), JSON.object(JSON.leaf(), 2),
                Arbitraries.of(MessengerFixtures.PSID, MessengerFixtures.PAGE_ID).map(id -> NODES.objectNode().put("id", id)));
        Arbitrary<JsonNode> event = Combinators.combine(Arbitraries.of(EVENT_KINDS), JSON.json(3), party.injectNull(0.1),
                        party.injectNull(0.1), JSON.leaf().injectNull(0.2))
                .as((kind, body, sender, recipient, timestamp) -> {
                    ObjectNode e = NODES.objectNode();
                    e.set(kind, body);
                    putIfNotNull(e, "sender", sender);
                    putIfNotNull(e, "recipient", recipient);
                    putIfNotNull(e, "timestamp", timestamp);
                    return e;
                });
        Arbitrary<JsonNode> entry = Combinators.combine(
                        Arbitraries.oneOf(JSON.leaf(), Arbitraries.just(NODES.textNode(MessengerFixtures.PAGE_ID))),
                        event.list().ofMaxSize(3), event.list().ofMaxSize(2), Arbitraries.integers().between(0, 9))
                .as((id, messaging, standby, shape) -> {
                    ObjectNode e = NODES.objectNode();
                    e.set("id", id);
                    e.set("messaging", shape == 0 ? NODES.objectNode() : MetaJsonArbitraries.array(messaging));
                    if (shape > 6) {
                        e.set("standby", MetaJsonArbitraries.array(standby));
                    }
                    return e;
                });
        return entry.list().ofMaxSize(3).map(entries -> {
            ObjectNode root = NODES.objectNode();
            root.put("object", "page");
            root.set("entry", MetaJsonArbitraries.array(entries));
            return root;
        });
    }

    private static void putIfNotNull(ObjectNode o, String name, JsonNode value) {
        if (value != null) {
            o.set(name, value);
        }
    }
}

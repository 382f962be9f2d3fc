package io.channelhub.connector.telegram;

import static io.channelhub.core.spi.PropertySupport.assertNormalizesOrRefuses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.spi.PropertySupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Property tests of the Telegram normalizer: real fixtures cut, flipped and spliced byte by byte; fixtures
 * with one node swapped for a value of the wrong type; and Updates made up from the Bot API's vocabulary.
 * Whatever comes in, the normalizer answers well-formed canonical events (per core's {@link PropertySupport})
 * or {@code MalformedPayloadException} — never another exception, never a hang.
 */
class TelegramNormalizerPropertiesTest {
    private static final int TRIES = 400;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> FIXTURES = concat(TelegramConnectorContractTest.EVENT_FIXTURES,
            TelegramConnectorContractTest.SILENT_FIXTURES);
    private static final List<String> KINDS = List.of("message", "edited_message", "callback_query", "my_chat_member",
            "channel_post", "edited_channel_post", "message_reaction", "inline_query", "poll", "chat_member",
            "business_message", "unknown_kind");
    private static final List<String> KEYS = List.of("message_id", "from", "chat", "id", "type", "date", "edit_date",
            "text", "entities", "caption", "photo", "document", "audio", "voice", "video", "video_note", "animation",
            "sticker", "location", "venue", "contact", "latitude", "longitude", "title", "address", "file_id",
            "file_size", "file_name", "mime_type", "width", "height", "first_name", "last_name", "username",
            "phone_number", "reply_to_message", "reply_markup", "inline_keyboard", "callback_data", "data", "message",
            "old_chat_member", "new_chat_member", "status", "user", "is_animated", "is_video", "emoji", "dice");
    private static final List<String> WORDS = List.of("private", "group", "supergroup", "channel", "kicked", "member",
            "left", "administrator", "audio/ogg", "image/jpeg", "AgACAgQAAxkB", "slot-1");

    private final TelegramInboundNormalizer normalizer = new TelegramInboundNormalizer();

    @Property(tries = TRIES)
    void mutatedFixtures(@ForAll("fixtures") String fixture,
                         @ForAll("edits") List<PropertySupport.ByteEdit> edits) {
        byte[] body = PropertySupport.apply(TelegramFixtures.bytes("inbound/" + fixture), edits);
        assertNormalizesOrRefuses(normalizer, TelegramFixtures.payload(body));
    }

    @Property(tries = 3 * TRIES)
    void fixturesWithANodeOfTheWrongType(@ForAll("fixtures") String fixture, @ForAll int pick,
                                         @ForAll("values") JsonNode replacement) throws IOException {
        JsonNode root = HubJson.mapper().readTree(TelegramFixtures.bytes("inbound/" + fixture));
        List<Runnable> replacements = new ArrayList<>();
        collectSlots(root, replacement, replacements);
        replacements.get(Math.floorMod(pick, replacements.size())).run();
        assertNormalizesOrRefuses(normalizer, TelegramFixtures.payload(HubJson.mapper().writeValueAsBytes(root)));
    }

    @Property(tries = TRIES)
    void madeUpUpdates(@ForAll("updates") JsonNode update) {
        try {
            assertNormalizesOrRefuses(normalizer, TelegramFixtures.payload(HubJson.mapper().writeValueAsBytes(update)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<String> fixtures() {
        return Arbitraries.of(FIXTURES);
    }

    @Provide
    Arbitrary<List<PropertySupport.ByteEdit>> edits() {
        return PropertySupport.byteEdits().list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<JsonNode> values() {
        return leaf();
    }

    /** An Update of a random kind whose body is made of the Bot API's field names, nested and typed at random. */
    @Provide
    Arbitrary<JsonNode> updates() {
        Arbitrary<JsonNode> updateId = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.longs().map(NODES::numberNode)),
                Tuple.of(1, leaf()));
        return Combinators.combine(updateId, Arbitraries.of(KINDS), object(3)).as((id, kind, body) -> {
            ObjectNode root = NODES.objectNode();
            root.set("update_id", id);
            root.set(kind, body);
            return (JsonNode) root;
        });
    }

    private Arbitrary<JsonNode> object(int depth) {
        Arbitrary<JsonNode> value = depth == 0 ? leaf() : Arbitraries.frequencyOf(Tuple.of(4, leaf()),
                Tuple.of(3, Arbitraries.lazy(() -> object(depth - 1))), Tuple.of(1, Arbitraries.lazy(() -> array(depth - 1))),
                Tuple.of(2, chat()));
        return Combinators.combine(Arbitraries.of(KEYS), value).as(Tuple::of).list().ofMaxSize(8).map(fields -> {
            ObjectNode o = NODES.objectNode();
            fields.forEach(f -> o.set(f.get1(), f.get2()));
            return o;
        });
    }

    private Arbitrary<JsonNode> array(int depth) {
        return object(depth).list().ofMaxSize(4).map(items -> {
            ArrayNode a = NODES.arrayNode();
            items.forEach(a::add);
            return a;
        });
    }

    /** A chat that is often private, so the deeper mapping is reached rather than the group filter. */
    private Arbitrary<JsonNode> chat() {
        return Combinators.combine(Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.longs().map(NODES::numberNode)),
                        Tuple.of(1, leaf())), Arbitraries.of(WORDS))
                .as((id, type) -> NODES.objectNode().<ObjectNode>set("id", id).put("type", type));
    }

    private static Arbitrary<JsonNode> leaf() {
        return Arbitraries.oneOf(
                PropertySupport.strings().map(NODES::textNode),
                Arbitraries.of(WORDS).map(NODES::textNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.of(Double.NaN, 1e300, -91.0, 181.0).map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.just(NODES.arrayNode()),
                Arbitraries.just(NODES.objectNode()));
    }

    /** One replacement per node of the tree (every field and array element, at any depth), for picking one. */
    private static void collectSlots(JsonNode node, JsonNode replacement, List<Runnable> slots) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                slots.add(() -> o.set(name, replacement));
                collectSlots(o.get(name), replacement, slots);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                int index = i;
                slots.add(() -> a.set(index, replacement));
                collectSlots(a.get(i), replacement, slots);
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}

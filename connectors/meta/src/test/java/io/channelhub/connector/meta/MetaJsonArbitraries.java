package io.channelhub.connector.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.channelhub.core.spi.PropertySupport;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random JSON in one Meta channel's vocabulary (its keys and type names), for the property tests of the Meta
 * normalizers: values of every JSON kind, nested objects and arrays, and structural edits of real fixtures.
 */
public final class MetaJsonArbitraries {

    private final List<String> keys;
    private final List<String> types;

    /**
     * @param keys  the field names of the channel's webhooks
     * @param types the values of its type fields
     */
    public MetaJsonArbitraries(List<String> keys, List<String> types) {
        this.keys = List.copyOf(keys);
        this.types = List.copyOf(types);
    }

    public Arbitrary<JsonNode> json(int depth) {
        if (depth == 0) {
            return leaf();
        }
        Arbitrary<JsonNode> inner = json(depth - 1);
        return Arbitraries.frequencyOf(Tuple.of(3, leaf()), Tuple.of(2, object(inner, 4)),
                Tuple.of(1, inner.list().ofMaxSize(3).map(MetaJsonArbitraries::array)));
    }

    public Arbitrary<JsonNode> object(Arbitrary<JsonNode> values, int maxSize) {
        return Arbitraries.maps(Arbitraries.oneOf(Arbitraries.of(keys), Arbitraries.of(types)), values)
                .ofMaxSize(maxSize).map(map -> {
                    ObjectNode o = JsonNodeFactory.instance.objectNode();
                    map.forEach(o::set);
                    return o;
                });
    }

    public Arbitrary<JsonNode> leaf() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, PropertySupport.strings().map(TextNode::valueOf)),
                Tuple.of(1, Arbitraries.of(types).map(TextNode::valueOf)),
                Tuple.of(1, Arbitraries.integers().map(IntNode::valueOf)),
                Tuple.of(1, Arbitraries.longs().map(LongNode::valueOf)),
                Tuple.of(1, Arbitraries.doubles().map(DoubleNode::valueOf)),
                Tuple.of(1, Arbitraries.of(new BigInteger("123456789012345678901234567890"), BigInteger.ZERO)
                        .map(BigIntegerNode::valueOf)),
                Tuple.of(1, Arbitraries.of(BooleanNode.TRUE, BooleanNode.FALSE, NullNode.instance)));
    }

    /** Edits of a JSON tree: nodes replaced, removed, wrapped, turned into their twin, keys added. */
    public Arbitrary<NodeEdit> nodeEdits() {
        return Combinators.combine(Arbitraries.integers().greaterOrEqual(0), Arbitraries.integers().between(0, 4),
                json(2), Arbitraries.of(keys)).as(NodeEdit::new);
    }

    public static JsonNode array(List<JsonNode> items) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        items.forEach(a::add);
        return a;
    }
}

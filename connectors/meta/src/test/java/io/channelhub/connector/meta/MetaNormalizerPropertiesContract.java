package io.channelhub.connector.meta;

import static io.channelhub.core.spi.PropertySupport.apply;
import static io.channelhub.core.spi.PropertySupport.assertNormalizesOrRefuses;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.spi.InboundNormalizer;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.PropertySupport;
import io.channelhub.core.spi.PropertySupport.ByteEdit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The properties every Meta normalizer has, whatever bytes arrive — random bytes, random JSON of the channel's
 * vocabulary, its real fixtures cut, flipped or with nodes swapped for values of the wrong type: it answers
 * well-formed canonical events or {@code MalformedPayloadException}, never anything else and never hangs
 * (see {@link PropertySupport}). A channel supplies its normalizer, vocabulary and fixtures, and adds
 * properties of its own webhook shape.
 */
public abstract class MetaNormalizerPropertiesContract {
    protected static final int TRIES = 1000;

    protected abstract InboundNormalizer normalizer();

    /** The payload the hub would queue for the channel with this body. */
    protected abstract InboundPayload payload(byte[] body);

    /** The names of the channel's inbound fixtures. */
    protected abstract List<String> fixtureNames();

    /** A fresh copy of a fixture's bytes. */
    protected abstract byte[] fixture(String name);

    /** Random JSON in the channel's keys and type names. */
    protected abstract MetaJsonArbitraries vocabulary();

    @Property(tries = TRIES)
    void arbitraryBytes(@ForAll @Size(max = 2048) byte[] body) {
        assertNormalizesOrRefuses(normalizer(), payload(body));
    }

    @Property(tries = TRIES)
    void arbitraryJsonOfTheChannelsVocabulary(@ForAll("anyJson") JsonNode json) {
        assertNormalizesOrRefuses(normalizer(), payload(bytes(json)));
    }

    @Property(tries = TRIES)
    void fixturesCutFlippedAndSpliced(@ForAll("fixtures") String fixture,
                                      @ForAll @Size(min = 1, max = 4) List<@From("byteEdits") ByteEdit> edits) {
        assertNormalizesOrRefuses(normalizer(), payload(apply(fixture(fixture), edits)));
    }

    @Property(tries = TRIES)
    void fixturesWithNodesOfTheWrongTypeMissingOrAdded(@ForAll("fixtures") String fixture,
                                                       @ForAll @Size(min = 1, max = 5) List<@From("nodeEdits") NodeEdit> edits) {
        JsonNode tree = tree(fixture(fixture));
        for (NodeEdit edit : edits) {
            edit.applyTo(tree);
        }
        assertNormalizesOrRefuses(normalizer(), payload(bytes(tree)));
    }

    @Provide
    Arbitrary<String> fixtures() {
        return Arbitraries.of(fixtureNames());
    }

    @Provide
    Arbitrary<ByteEdit> byteEdits() {
        return PropertySupport.byteEdits();
    }

    @Provide
    Arbitrary<NodeEdit> nodeEdits() {
        return vocabulary().nodeEdits();
    }

    @Provide
    Arbitrary<JsonNode> anyJson() {
        return vocabulary().json(4);
    }

    protected static JsonNode tree(byte[] json) {
        try {
            return HubJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static byte[] bytes(JsonNode json) {
        try {
            return HubJson.mapper().writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

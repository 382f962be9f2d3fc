package io.channelhub.core.spi;

import static io.channelhub.core.spi.ByteSplices.insert;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.channelhub.core.error.MalformedPayloadException;
import io.channelhub.core.model.ConversationIds;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.spi.InboundEvent;
import io.channelhub.core.spi.InboundMessage;
import io.channelhub.core.spi.InboundNormalizer;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.MediaSource;
import io.channelhub.core.spi.StatusUpdate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * What the property tests of a normalizer hold it to, and the byte-level mutations they feed it.
 * Shipped in hub-core's test-jar, so every connector's property tests hold to the same invariant.
 *
 * <p>The invariant: {@code normalize} either throws {@link MalformedPayloadException} or answers, within
 * a time bound, events the hub can use as they are: every message has content of a canonical type that
 * validates against the contract's JSON Schema ({@code schema/canonical-message.schema.json}), a sender
 * and a non-blank contact key the conversation id is derived from, a provider id and a timestamp, one media
 * source per media item without a url; every status names a message and a status. Any other exception,
 * or no answer in time, fails the property.
 */
public final class PropertySupport {
    public static final long TIME_BOUND_SECONDS = 10;
    private static final ExecutorService RUNNER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "normalizer-property");
        t.setDaemon(true);
        return t;
    });
    private static final JsonSchema CONTENT = definition("content");
    private static final JsonSchema PARTY = definition("party");

    /** Bytes that are never valid UTF-8 (lone continuation, overlong, surrogate, truncated, out of range). */
    public static final byte[][] INVALID_UTF8 = {
            {(byte) 0x80}, {(byte) 0xC3, 0x28}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xFF},
            {(byte) 0xFE, (byte) 0xFF}};

    /** Strings that tend to break parsers and mappers. */
    public static final List<String> NASTY = List.of("", " ", "\u0000", "\t\r\n", "null", "true", "0", "-1", "1e309",
            "NaN", "Infinity", "-0", "99999999999999999999999", "9223372036854775808", "1795169731", "0x1F",
            "\uD83D\uDE97", "\uD800", "\uDFFF", "a\u202Eb", "\uFEFF", "\u00e9", "e\u0301", "' OR 1=1--", "<script>",
            "${jndi:ldap://x}", "../../etc/passwd", "%2e%2e%2f", "\r\nX-Injected: 1", "=?utf-8?B?AA==?=",
            "x".repeat(5000));

    private PropertySupport() {
    }

    // ---- the invariant ------------------------------------------------------------------------------

    /** The events, or null when the normalizer refused the payload with {@link MalformedPayloadException}. */
    public static List<InboundEvent> normalizeOrMalformed(InboundNormalizer normalizer, InboundPayload payload) {
        Future<List<InboundEvent>> run = RUNNER.submit(() -> normalizer.normalize(payload));
        try {
            return run.get(TIME_BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MalformedPayloadException) {
                return null;
            }
            throw new AssertionError("normalize threw " + e.getCause() + "; only MalformedPayloadException is "
                    + "allowed. Body: " + describe(payload.body()), e.getCause());
        } catch (TimeoutException e) {
            run.cancel(true);
            throw new AssertionError("normalize did not answer within " + TIME_BOUND_SECONDS + " s. Body: "
                    + describe(payload.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Normalizes and, unless the payload was refused as malformed, checks every event. */
    public static void assertNormalizesOrRefuses(InboundNormalizer normalizer, InboundPayload payload) {
        List<InboundEvent> events = normalizeOrMalformed(normalizer, payload);
        if (events != null) {
            assertWellFormed(events, payload);
        }
    }

    public static void assertWellFormed(List<InboundEvent> events, InboundPayload payload) {
        String body = describe(payload.body());
        assertThat(events).as("events of %s", body).isNotNull().doesNotContainNull();
        for (InboundEvent event : events) {
            if (event instanceof InboundMessage m) {
                assertMessage(m, payload, body);
            } else if (event instanceof StatusUpdate s) {
                assertThat(s.status()).as("status of %s", body).isNotNull();
                assertThat(nonBlank(s.providerMessageId()) || nonBlank(s.hubMessageId()) || nonBlank(s.recipient()))
                        .as("a status names its message or its recipient: %s from %s", s, body).isTrue();
                assertThat(s.timestamp()).as("status timestamp of %s", body).isNotNull();
                if (s.reason() != null) {
                    assertThat(s.reason().code()).as("reason code of %s", body).isNotBlank();
                }
                assertSerializable(s, body);
            } else if (event instanceof ContactEvent c) {
                assertThat(nonBlank(c.type()) && nonBlank(c.contactAddress()) && nonBlank(c.providerEventId()))
                        .as("a contact event names its type, contact and duplicate key: %s from %s", c, body).isTrue();
                assertThat(c.timestamp()).as("contact event timestamp of %s", body).isNotNull();
                assertSerializable(c, body);
            }
        }
    }

    private static void assertMessage(InboundMessage m, InboundPayload payload, String body) {
        assertThat(m.content()).as("content of %s", body).isNotNull();
        assertThat(m.content().kind()).as("content type of %s", body).isNotNull();
        assertValid(CONTENT, m.content(), "content", body);
        assertThat(m.contactKey()).as("contactKey of %s", body).isNotBlank();
        assertThat(m.from()).as("sender of %s", body).isNotNull();
        assertValid(PARTY, m.from(), "from", body);
        if (m.to() != null) {
            assertValid(PARTY, m.to(), "to", body);
        }
        assertThat(m.providerMessageId()).as("provider message id of %s", body).isNotBlank();
        assertThat(m.timestamp()).as("timestamp of %s", body).isNotNull();
        List<MediaContent> withoutUrl = new ArrayList<>();
        if (m.content() instanceof MediaContent media && media.url() == null) {
            withoutUrl.add(media);
        }
        for (MediaContent attachment : m.attachments()) {
            assertValid(CONTENT, attachment, "attachment", body);
            if (attachment.url() == null) {
                withoutUrl.add(attachment);
            }
        }
        assertThat(m.mediaSources()).as("one media source per media item without url in %s", body)
                .hasSize(withoutUrl.size());
        for (MediaSource source : m.mediaSources()) {
            assertThat(source.providerRef()).as("media source of %s", body).isNotBlank();
        }
        assertThat(ConversationIds.derive(payload.tenantId(), payload.channel(), m.contactKey())).isNotBlank();
        assertSerializable(m, body);
    }

    private static void assertValid(JsonSchema schema, Object value, String what, String body) {
        JsonNode json = HubJson.mapper().valueToTree(value);
        assertThat(schema.validate(json)).as("%s %s of %s against the canonical schema", what, json, body)
                .isEmpty();
    }

    private static void assertSerializable(Object value, String body) {
        try {
            HubJson.mapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new AssertionError("event of " + body + " cannot be written as JSON", e);
        }
    }

    private static boolean nonBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static JsonSchema definition(String name) {
        try (InputStream in = PropertySupport.class.getClassLoader()
                .getResourceAsStream("schema/canonical-message.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("schema/canonical-message.schema.json is not on the classpath");
            }
            JsonNode full = HubJson.mapper().readTree(in);
            ObjectNode wrapper = HubJson.mapper().createObjectNode();
            wrapper.set("$schema", full.get("$schema"));
            wrapper.set("$defs", full.get("$defs"));
            wrapper.put("$ref", "#/$defs/" + name);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(wrapper);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body for a failure message: as text when it is short UTF-8, else its start in hex. */
    public static String describe(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (body.length <= 3000 && !text.contains("\uFFFD")) {
            return body.length + " bytes: " + text;
        }
        return body.length + " bytes, hex: " + HexFormat.of().formatHex(body, 0, Math.min(body.length, 1500));
    }

    // ---- byte-level mutations -------------------------------------------------------------------------

    /** One edit of a byte array; positions are taken modulo the current length. */
    public record ByteEdit(int kind, int position, int length, byte[] bytes) {
        byte[] applyTo(byte[] in) {
            int n = in.length;
            int at = n == 0 ? 0 : Math.floorMod(position, n + 1);
            return switch (kind) {
                case 0 -> java.util.Arrays.copyOf(in, at); // truncate
                case 1 -> { // flip the bits of one byte
                    byte[] out = in.clone();
                    if (n > 0) {
                        out[Math.floorMod(position, n)] ^= (byte) (bytes.length == 0 ? 0x5A : bytes[0] | 1);
                    }
                    yield out;
                }
                case 2 -> { // delete a range
                    int end = Math.min(n, at + length);
                    byte[] out = new byte[n - (end - at)];
                    System.arraycopy(in, 0, out, 0, at);
                    System.arraycopy(in, end, out, at, n - end);
                    yield out;
                }
                case 3 -> insert(in, at, bytes); // random bytes
                case 4 -> insert(in, at, INVALID_UTF8[Math.floorMod(length, INVALID_UTF8.length)]);
                case 5 -> { // duplicate a slice
                    int end = Math.min(n, at + length);
                    yield insert(in, end, java.util.Arrays.copyOfRange(in, at, end));
                }
                default -> insert(in, at, NASTY.get(Math.floorMod(length, NASTY.size()))
                        .getBytes(StandardCharsets.UTF_8));
            };
        }

    }

    public static Arbitrary<ByteEdit> byteEdits() {
        return Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.integers().greaterOrEqual(0),
                        Arbitraries.integers().between(0, 64),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(16))
                .as(ByteEdit::new);
    }

    public static byte[] apply(byte[] body, List<ByteEdit> edits) {
        byte[] out = body;
        for (ByteEdit edit : edits) {
            out = edit.applyTo(out);
        }
        return out;
    }

    /** Strings for leaves and header values: the nasty ones, short ASCII and any unicode. */
    public static Arbitrary<String> strings() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of(NASTY)),
                net.jqwik.api.Tuple.of(3, Arbitraries.strings().ascii().ofMaxLength(24)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().all().ofMaxLength(12)));
    }
}

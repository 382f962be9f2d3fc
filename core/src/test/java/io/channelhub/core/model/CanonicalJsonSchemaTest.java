package io.channelhub.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schemas in {@code schema/} are the machine-readable CONTRACT §1–§2: every message and event
 * the core records produce (written by {@link HubJson#mapper()}) must validate, read back equal, and the
 * schemas must refuse documents that break the contract, so this test can fail.
 */
class CanonicalJsonSchemaTest {
    private static final ObjectMapper JSON = HubJson.mapper();
    private static final JsonSchema MESSAGE = schema("schema/canonical-message.schema.json");
    private static final JsonSchema EVENT = schema("schema/status-event.schema.json");
    private static final JsonSchema HEALTH = schema("schema/connector-health-event.schema.json");
    private static final Instant AT = Instant.parse("2026-11-20T10:15:30Z");

    private static JsonSchema schema(String resource) {
        try (InputStream in = CanonicalJsonSchemaTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource + " on the classpath").isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> everyContentType() {
        JsonNode raw = JSON.createObjectNode().put("type", "order").put("catalog_id", "123");
        Map<String, Object> component = new LinkedHashMap<>();
        component.put("type", "body");
        component.put("parameters", List.of(Map.of("type", "text", "text", "Jan")));
        return Stream.of(
                Arguments.of(ContentType.TEXT, TextContent.of("Is de auto nog beschikbaar?")),
                Arguments.of(ContentType.TEXT, new TextContent("Offerte", "Uw offerte", "<p>Offerte</p>")),
                Arguments.of(ContentType.MEDIA, new MediaContent(MediaKind.IMAGE,
                        "/api/v1/tenants/dealer-042/media/0193a6f2", "image/jpeg", "auto.jpg", "de auto", 48_213L)),
                Arguments.of(ContentType.MEDIA, new MediaContent(MediaKind.STICKER, "https://cdn.example/s.webp",
                        null, null, null, null)),
                Arguments.of(ContentType.LOCATION, new LocationContent(52.3676, 4.9041, "Showroom", "Damrak 1")),
                Arguments.of(ContentType.CHOICE, new ChoiceContent("Wanneer past het?",
                        List.of(new Choice("mon", "Maandag"), new Choice("tue", "Dinsdag")))),
                Arguments.of(ContentType.CHOICE_RESPONSE, new ChoiceResponseContent("tue", "Dinsdag")),
                Arguments.of(ContentType.TEMPLATE, new TemplateContent("appointment_reminder", "nl",
                        List.of("Jan", "dinsdag"), "Herinnering: dinsdag")),
                Arguments.of(ContentType.TEMPLATE, new TemplateContent("offer", "nl", List.of(component), null)),
                Arguments.of(ContentType.REACTION, new ReactionContent("👍", "wamid.HBgL")),
                Arguments.of(ContentType.REACTION, new ReactionContent("", "wamid.HBgL")),
                Arguments.of(ContentType.CONTACTS, new ContactsContent(List.of(new ContactCard("Jan Jansen",
                        List.of("+31612345678"), List.of("jan@example.nl")), new ContactCard("Piet", null, null)))),
                Arguments.of(ContentType.CARD, RichContentJsonTest.card()),
                Arguments.of(ContentType.CARD, new CardContent("Alleen een titel", null, null, null)),
                Arguments.of(ContentType.CAROUSEL, new CarouselContent(List.of(RichContentJsonTest.card(),
                        new CardContent(null, "Blauwe auto", new MediaContent(MediaKind.VIDEO,
                                "https://cdn.example/blue.mp4", "video/mp4", null, null, null),
                                List.of(new Choice("book", "Proefrit")))))),
                Arguments.of(ContentType.UNSUPPORTED, new UnsupportedContent("order", raw)));
    }

    @Test
    void everyContentTypeIsCoveredBelow() {
        Set<ContentType> covered = EnumSet.noneOf(ContentType.class);
        everyContentType().forEach(a -> covered.add((ContentType) a.get()[0]));
        assertThat(covered).containsExactlyInAnyOrder(ContentType.values());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyContentType")
    void inboundAndOutboundMessagesOfEveryContentTypeValidateAndRoundTrip(ContentType type, Content content)
            throws Exception {
        assertThat(content.kind()).isEqualTo(type);
        CanonicalMessage inbound = message(Direction.INBOUND, "whatsapp", content, null, null);
        CanonicalMessage outbound = new CanonicalMessage(UUID.randomUUID().toString(), "dealer-042", "sms",
                Direction.OUTBOUND, null, new Party("+31612345678", null), "conv-1", null, AT, content, null,
                Map.of("orderId", "A-1", "attempt", 2, "nested", Map.of("k", "v")), null, null);
        for (CanonicalMessage m : List.of(inbound, outbound)) {
            JsonNode tree = JSON.readTree(JSON.writeValueAsString(m));
            assertValid(MESSAGE, tree);
            assertThat(tree.path("content").path("type").asText()).isEqualTo(type.wireName());
            assertThat(JSON.readValue(JSON.writeValueAsString(m), CanonicalMessage.class)).isEqualTo(m);
        }
    }

    @Test
    void emailWithAttachmentsAndThreadingHeadersValidatesAndRoundTrips() throws Exception {
        CanonicalMessage email = message(Direction.INBOUND, "email",
                new TextContent("Zie bijlage.", "Re: offerte", "<p>Zie bijlage.</p>"),
                List.of(new MediaContent(MediaKind.DOCUMENT, "/api/v1/tenants/dealer-042/media/m-1",
                                "application/pdf", "offerte.pdf", null, 120_000L),
                        new MediaContent(MediaKind.IMAGE, "/api/v1/tenants/dealer-042/media/m-2", "image/png",
                                "foto.png", null, 3_000L)),
                new EmailHeaders("<b@dealer.example>", "<a@dealer.example>",
                        List.of("<root@dealer.example>", "<a@dealer.example>")));
        String json = JSON.writeValueAsString(email);
        JsonNode tree = JSON.readTree(json);
        assertValid(MESSAGE, tree);
        assertThat(tree.path("attachments")).hasSize(2);
        assertThat(tree.path("headers").path("references")).hasSize(2);
        assertThat(JSON.readValue(json, CanonicalMessage.class)).isEqualTo(email);
    }

    @Test
    void theContractsOwnExampleValidates() throws Exception {
        assertValid(MESSAGE, JSON.readTree("""
                {"id": "0193a6f2-7c1e-7a3b-9d2e-5f8a1b2c3d4e", "tenantId": "dealer-042", "channel": "whatsapp",
                 "direction": "inbound", "from": {"address": "+31612345678", "name": "Jan"},
                 "to": {"address": "+31201234567"}, "conversationId": "c-1", "providerMessageId": "wamid.HBg",
                 "timestamp": "2026-11-20T10:15:30Z",
                 "content": {"type": "text", "text": "Is de auto nog beschikbaar?"},
                 "replyTo": null, "metadata": {}}"""));
    }

    @ParameterizedTest
    @EnumSource(DeliveryStatus.class)
    void statusEventsOfEveryStatusValidateAndRoundTrip(DeliveryStatus status) throws Exception {
        boolean bad = status == DeliveryStatus.FAILED || status == DeliveryStatus.REJECTED;
        Reason reason = bad ? new Reason(status == DeliveryStatus.FAILED ? ReasonCodes.RETRIES_EXHAUSTED
                : ReasonCodes.OPTED_OUT, "why it happened", "21610", false) : null;
        StatusEvent event = new StatusEvent(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "dealer-042",
                "sms", status == DeliveryStatus.ACCEPTED || status == DeliveryStatus.REJECTED ? null : "SM123",
                status, reason, AT.plusMillis(123), Map.of("orderId", "A-1"));
        String json = JSON.writeValueAsString(event);
        JsonNode tree = JSON.readTree(json);
        assertValid(EVENT, tree);
        assertThat(tree.path("status").asText()).isEqualTo(status.wireName());
        assertThat(JSON.readValue(json, StatusEvent.class)).isEqualTo(event);
    }

    @Test
    void aConnectorHealthEventMatchesItsSchemaAndNamesItsType() throws Exception {
        JsonNode tree = JSON.valueToTree(new ConnectorHealthEvent("e-1", "dealer-042", "messenger", "unhealthy",
                "the page token expired: paste a new one", AT));

        assertValid(HEALTH, tree);
        assertThat(tree.path("type").asText()).isEqualTo("connector_health");
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree).put("health", "fine");
        assertThat(HEALTH.validate(tree)).as("an unknown health is refused").isNotEmpty();
    }

    @Test
    void everyDocumentedReasonCodeIsAValidCode() throws Exception {
        for (String code : ReasonCodes.ALL) {
            StatusEvent event = new StatusEvent("e-1", UUID.randomUUID().toString(), "dealer-042", "email", null,
                    DeliveryStatus.FAILED, Reason.of(code, "detail"), AT, null);
            assertValid(EVENT, JSON.valueToTree(event));
        }
    }

    // ---- the schemas must be able to fail ------------------------------------------------------------

    static Stream<Arguments> brokenMessages() {
        return Stream.<Arguments>of(
                broken("missing id", m -> m.remove("id")),
                broken("missing content", m -> m.remove("content")),
                broken("missing tenantId", m -> m.remove("tenantId")),
                broken("id that is not a UUID", m -> m.put("id", "not-a-uuid")),
                broken("unknown content type", m -> ((ObjectNode) m.get("content")).put("type", "carousel")),
                broken("content without type", m -> ((ObjectNode) m.get("content")).remove("type")),
                broken("text without text", m -> ((ObjectNode) m.get("content")).remove("text")),
                broken("text content with a media field", m -> ((ObjectNode) m.get("content")).put("url", "x")),
                broken("media of an unknown mediaType", m -> m.set("content", JSON.createObjectNode()
                        .put("type", "media").put("mediaType", "hologram").put("url", "https://x/y"))),
                broken("location as strings", m -> m.set("content", JSON.createObjectNode()
                        .put("type", "location").put("latitude", "52.3").put("longitude", "4.9"))),
                broken("choice without choices", m -> m.set("content", JSON.createObjectNode()
                        .put("type", "choice").put("text", "?"))),
                broken("upper-case tenant id", m -> m.put("tenantId", "Dealer-042")),
                broken("tenant id with a slash", m -> m.put("tenantId", "../dealer")),
                broken("one-character tenant id", m -> m.put("tenantId", "d")),
                broken("64-character tenant id", m -> m.put("tenantId", "d" + "x".repeat(63))),
                broken("tenant id starting with a dash", m -> m.put("tenantId", "-dealer")),
                broken("unknown direction", m -> m.put("direction", "sideways")),
                broken("upper-case channel", m -> m.put("channel", "WhatsApp")),
                broken("party without address", m -> m.set("from", JSON.createObjectNode().put("name", "Jan"))),
                broken("timestamp as epoch number", m -> m.put("timestamp", 1763633730)),
                broken("timestamp with an offset", m -> m.put("timestamp", "2026-11-20T11:15:30+01:00")),
                broken("metadata as a string", m -> m.put("metadata", "orderId=A-1")),
                broken("unknown top-level field", m -> m.put("tenant", "dealer-042")));
    }

    private static Arguments broken(String name, Consumer<ObjectNode> damage) {
        return Arguments.of(name, damage);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenMessages")
    void theMessageSchemaRejectsBrokenDocuments(String name, Consumer<ObjectNode> damage) {
        ObjectNode tree = JSON.valueToTree(message(Direction.INBOUND, "whatsapp", TextContent.of("hallo"), null, null));
        assertValid(MESSAGE, tree.deepCopy());
        damage.accept(tree);
        assertThat(MESSAGE.validate(tree)).as(name + " must be rejected: " + tree).isNotEmpty();
    }

    static Stream<Arguments> brokenEvents() {
        return Stream.<Arguments>of(
                broken("missing id", e -> e.remove("id")),
                broken("missing messageId", e -> e.remove("messageId")),
                broken("missing status", e -> e.remove("status")),
                broken("unknown status", e -> e.put("status", "bounced")),
                broken("upper-case status", e -> e.put("status", "SENT")),
                broken("bad tenant id", e -> e.put("tenantId", "Dealer_042")),
                broken("failed without a reason", e -> {
                    e.put("status", "failed");
                    e.remove("reason");
                }),
                broken("rejected without a reason", e -> {
                    e.put("status", "rejected");
                    e.remove("reason");
                }),
                broken("reason code not snake_case", e -> e.set("reason",
                        JSON.createObjectNode().put("code", "OptedOut"))),
                broken("reason without code", e -> e.set("reason", JSON.createObjectNode().put("detail", "x"))),
                broken("retryable as a string", e -> e.set("reason",
                        JSON.createObjectNode().put("code", "rate_limited").put("retryable", "yes"))),
                broken("unknown field", e -> e.put("state", "sent")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenEvents")
    void theEventSchemaRejectsBrokenDocuments(String name, Consumer<ObjectNode> damage) {
        ObjectNode tree = JSON.valueToTree(new StatusEvent(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                "dealer-042", "whatsapp", "wamid.1", DeliveryStatus.SENT, null, AT, Map.of()));
        assertValid(EVENT, tree.deepCopy());
        damage.accept(tree);
        assertThat(EVENT.validate(tree)).as(name + " must be rejected: " + tree).isNotEmpty();
    }

    @Test
    void aMessageWithEveryContentShapeSwappedIsStillJudgedByItsType() {
        // a media body labelled "text" must not slip through the oneOf
        ObjectNode tree = JSON.valueToTree(message(Direction.INBOUND, "whatsapp",
                new MediaContent(MediaKind.IMAGE, "https://x/y.jpg", "image/jpeg", null, null, 1L), null, null));
        ((ObjectNode) tree.get("content")).put("type", "text");
        assertThat(MESSAGE.validate(tree)).isNotEmpty();
        ArrayNode attachments = tree.putArray("attachments");
        attachments.addObject().put("type", "text").put("text", "not media");
        assertThat(MESSAGE.validate(tree)).isNotEmpty();
    }

    private static CanonicalMessage message(Direction direction, String channel, Content content,
                                            List<MediaContent> attachments, EmailHeaders headers) {
        return new CanonicalMessage(UUID.randomUUID().toString(), "dealer-042", channel, direction,
                new Party("+31612345678", "Jan"), new Party("+31201234567", null),
                ConversationIds.derive("dealer-042", channel, "+31612345678"), "wamid.HBgL", AT, content,
                "wamid.prev", Map.of("orderId", "A-1"), attachments, headers);
    }

    private static void assertValid(JsonSchema schema, JsonNode document) {
        Set<ValidationMessage> errors = schema.validate(document);
        assertThat(errors).as("schema errors for " + document).isEmpty();
    }
}

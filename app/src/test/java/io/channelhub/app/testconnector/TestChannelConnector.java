package io.channelhub.app.testconnector;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.core.error.MalformedPayloadException;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.ContentType;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.Reason;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.signature.HmacSignatures;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.ChannelDescriptor;
import io.channelhub.core.spi.CredentialCheck;
import io.channelhub.core.spi.InboundEvent;
import io.channelhub.core.spi.InboundMessage;
import io.channelhub.core.spi.InboundNormalizer;
import io.channelhub.core.spi.MediaFetcher;
import io.channelhub.core.spi.MessageTag;
import io.channelhub.core.spi.MediaSource;
import io.channelhub.core.spi.OutboundMessage;
import io.channelhub.core.spi.OutboundSender;
import io.channelhub.core.spi.SendResult;
import io.channelhub.core.spi.StatusUpdate;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookReply;
import io.channelhub.core.spi.WebhookRequest;
import io.channelhub.core.spi.WebhookVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A test-only channel with a provider of its own invention, faked by WireMock in the tests: JSON webhooks
 * signed with {@code X-Test-Signature: sha256=<hex HMAC of the body with signingSecret>}, sends as
 * {@code POST {base}/{account}/messages} with a bearer token. It exercises every part of the SPI so the
 * hub's flows can be proven without a real provider. Payload:
 * <pre>{"account": "...", "messages": [{"id","from","to","text","mediaId","mime","poison","echo","hubId"}],
 *  "statuses": [{"id","status","code","hubId"} or {"status","recipient","watermark"}]}</pre>
 */
public class TestChannelConnector implements ChannelConnector, WebhookVerifier, InboundNormalizer, OutboundSender,
        MediaFetcher {
    /** A text that makes the send throw an {@link Error}. */
    public static final String LINKAGE_ERROR = "linkage-error";
    private final String channel;
    private final String baseUrl;
    private final Duration window;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public TestChannelConnector(String channel, String baseUrl, Duration window) {
        this.channel = channel;
        this.baseUrl = baseUrl;
        this.window = window;
    }

    @Override
    public ChannelDescriptor descriptor() {
        return new ChannelDescriptor(channel, "Test channel " + channel, ChannelDescriptor.AddressFormat.E164,
                Set.of(ContentType.TEXT, ContentType.MEDIA, ContentType.TEMPLATE), window, Set.of(ContentType.TEMPLATE),
                List.of("account"), List.of("token", "signingSecret", "verifyToken"), Set.of("account"),
                List.of(Set.of("token", "signingSecret")), "account", null,
                List.of(MessageTag.anyTime("ACCOUNT_UPDATE"), new MessageTag("HUMAN_AGENT", Duration.ofDays(7), true)));
    }

    @Override
    public Optional<WebhookVerifier> webhooks() {
        return Optional.of(this);
    }

    @Override
    public InboundNormalizer normalizer() {
        return this;
    }

    @Override
    public OutboundSender sender() {
        return this;
    }

    @Override
    public Optional<MediaFetcher> mediaFetcher() {
        return Optional.of(this);
    }

    @Override
    public boolean verify(WebhookRequest request, TenantConnector connector) {
        String expected = "sha256=" + HmacSignatures.hmacSha256Hex(connector.secrets().require("signingSecret"),
                request.body());
        return HmacSignatures.constantTimeEquals(expected, request.header("X-Test-Signature").orElse(null));
    }

    @Override
    public Optional<WebhookReply> handshake(WebhookRequest request, TenantConnector connector) {
        if (!request.isGet()) {
            return Optional.empty();
        }
        boolean ok = HmacSignatures.constantTimeEquals(connector.secrets().get("verifyToken").orElse(null),
                request.queryParam("token").orElse(null));
        return Optional.of(ok ? WebhookReply.text(200, request.queryParam("challenge").orElse(""))
                : WebhookReply.forbidden());
    }

    @Override
    public Optional<String> accountId(WebhookRequest request) {
        try {
            return Optional.ofNullable(HubJson.mapper().readTree(request.body()).path("account").textValue());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<InboundEvent> normalize(io.channelhub.core.spi.InboundPayload payload) {
        JsonNode root;
        try {
            root = HubJson.mapper().readTree(payload.body());
        } catch (IOException e) {
            throw new MalformedPayloadException("not JSON", e);
        }
        if (root == null || !root.isObject() || !root.has("account")) {
            throw new MalformedPayloadException("not a test-channel payload");
        }
        List<InboundEvent> events = new ArrayList<>();
        for (JsonNode m : root.path("messages")) {
            if (m.path("poison").asBoolean() && TestSwitches.poisonFails) {
                throw new IllegalStateException("the normalizer cannot handle this message yet");
            }
            Party from = new Party(m.path("from").asText(), m.path("name").textValue());
            Party to = new Party(m.path("to").asText(), null);
            Instant at = Instant.ofEpochSecond(m.path("ts").asLong(Instant.now().getEpochSecond()));
            if (m.hasNonNull("mediaId")) {
                MediaContent media = new MediaContent(MediaKind.IMAGE, null, m.path("mime").asText("image/jpeg"),
                        null, m.path("text").textValue(), null);
                events.add(new InboundMessage(from, to, null, m.path("id").asText(), at, media, null, null, null,
                        List.of(new MediaSource(m.path("mediaId").asText(), m.path("mime").asText(), null)), null));
            } else if (m.path("echo").asBoolean()) {
                events.add(new InboundMessage(from, to, to.address(), m.path("id").asText(), at,
                        TextContent.of(m.path("text").asText()), null, null, null, null,
                        m.hasNonNull("hubId") ? Map.of(InboundMessage.ECHO_OF_HUB_MESSAGE, m.path("hubId").asText())
                                : Map.of(), true));
            } else {
                events.add(new InboundMessage(from, to, null, m.path("id").asText(), at,
                        TextContent.of(m.path("text").asText()), m.path("replyTo").textValue(), null, null, null,
                        Map.of()));
            }
        }
        for (JsonNode s : root.path("statuses")) {
            DeliveryStatus status = DeliveryStatus.fromWire(s.path("status").asText());
            if (s.hasNonNull("watermark")) {
                events.add(StatusUpdate.watermark(s.path("recipient").asText(), status,
                        Instant.parse(s.path("watermark").asText())));
                continue;
            }
            Reason reason = s.hasNonNull("code") ? new Reason(s.path("reason").asText(ReasonCodes.PROVIDER_REJECTED),
                    "provider says " + s.path("code").asText(), s.path("code").asText(), false) : null;
            events.add(new StatusUpdate(s.path("id").textValue(), s.path("hubId").textValue(), status, reason,
                    Instant.now()));
        }
        return events;
    }

    @Override
    public SendResult send(OutboundMessage message, TenantConnector connector) {
        String text = message.content() instanceof TextContent t ? t.text() : message.content().kind().wireName();
        if (LINKAGE_ERROR.equals(text)) {
            // as a connector whose provider library is missing from the class path: no step handles an Error,
            // so only the broker's redelivery limit ends it
            throw new NoClassDefFoundError("com/example/provider/MissingClient");
        }
        ObjectNode json = HubJson.mapper().createObjectNode().put("to", message.to().address()).put("text", text)
                .put("hubId", message.id());
        if (message.tag() != null) {
            json.put("tag", message.tag());
        }
        String body = json.toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/" + connector.requireSetting("account")
                        + "/messages"))
                .timeout(Duration.ofSeconds(2))
                .header("Authorization", "Bearer " + connector.secrets().require("token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw TransientChannelException.unavailable("test provider unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TransientChannelException.unavailable("interrupted", e);
        }
        int status = response.statusCode();
        if (status == 200) {
            try {
                return SendResult.of(HubJson.mapper().readTree(response.body()).path("id").asText());
            } catch (IOException e) {
                throw TransientChannelException.unavailable("unreadable answer", e);
            }
        }
        if (status == 401) {
            throw PermanentChannelException.credentials("401", "token refused");
        }
        if (status == 429) {
            throw TransientChannelException.rateLimited("429", "throttled", null);
        }
        if (status >= 500) {
            throw TransientChannelException.unavailable("test provider answered " + status, null);
        }
        throw new PermanentChannelException(status == 403 ? ReasonCodes.OPTED_OUT : ReasonCodes.PROVIDER_REJECTED,
                String.valueOf(status), "test provider refused with " + status);
    }

    @Override
    public FetchedMedia fetch(MediaSource source, TenantConnector connector) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/media/" + source.providerRef()))
                .header("Authorization", "Bearer " + connector.secrets().require("token")).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() >= 500) {
                response.body().close();
                throw TransientChannelException.unavailable("media " + response.statusCode(), null);
            }
            if (response.statusCode() != 200) {
                response.body().close();
                throw new PermanentChannelException(ReasonCodes.PROVIDER_REJECTED, null, "media gone");
            }
            return new FetchedMedia(response.body(), response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValueAsLong("Content-Length").orElse(-1));
        } catch (IOException e) {
            throw TransientChannelException.unavailable("media unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TransientChannelException.unavailable("interrupted", e);
        }
    }

    @Override
    public CredentialCheck checkCredentials(TenantConnector connector) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/me"))
                    .header("Authorization", "Bearer " + connector.secrets().get("token").orElse(""))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200 ? CredentialCheck.ok("token accepted")
                    : r.statusCode() == 401 ? CredentialCheck.rejected("token refused")
                    : CredentialCheck.unreachable("answered " + r.statusCode());
        } catch (IOException e) {
            return CredentialCheck.unreachable("unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CredentialCheck.unreachable("interrupted");
        }
    }
}

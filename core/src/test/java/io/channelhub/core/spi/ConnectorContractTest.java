package io.channelhub.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.channelhub.core.error.MalformedPayloadException;
import io.channelhub.core.model.ContentType;
import io.channelhub.core.model.HubJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The contract every connector runs (extend it in the connector's tests). It checks what the hub relies
 * on without knowing the channel: a well-formed descriptor, discovery by ServiceLoader, signatures that
 * reject what is unsigned or tampered with, normalizers that keep unknown input out of the hub's
 * exceptions, and secrets that never show in {@code toString()}.
 */
public abstract class ConnectorContractTest {

    /** The connector under test, configured against fakes. */
    protected abstract ChannelConnector connector();

    /** A tenant connector with every required setting and secret. */
    protected abstract TenantConnector tenantConnector();

    /** Payloads in the provider's documented format, each yielding at least one event. */
    protected abstract List<InboundPayload> samplePayloads();

    /**
     * A webhook request correctly signed for {@link #tenantConnector()}, or null for polling channels.
     */
    protected abstract WebhookRequest signedWebhook();

    protected InboundPayload payload(byte[] body, Map<String, String> headers) {
        TenantConnector tc = tenantConnector();
        return new InboundPayload(tc.tenantId(), tc.channel(), body, headers, Instant.now());
    }

    /** Whether the header (lower case) authenticates a delivery; by default those named like a signature. */
    protected boolean isAuthenticationHeader(String header) {
        return header.contains("signature");
    }

    /**
     * Whether deliveries are signed over their body (most providers), or carry a shared secret that covers none
     * (Telegram's secret-token header).
     */
    protected boolean bodyIsSigned() {
        return true;
    }

    @Test
    void descriptorNamesTheChannelAndItsKeys() {
        ChannelDescriptor d = connector().descriptor();
        assertThat(d.id()).isEqualTo(tenantConnector().channel());
        assertThat(d.outboundContent()).contains(ContentType.TEXT);
        assertThat(d.settingKeys()).containsAll(d.requiredSettings());
        d.requiredSecrets().forEach(group -> assertThat(d.secretKeys()).containsAll(group));
        d.routing().ifPresent(r -> assertThat(d.settingKeys()).contains(r));
    }

    @Test
    void connectorIsFoundByServiceLoader() {
        String channel = connector().descriptor().id();
        boolean found = ServiceLoader.load(ConnectorFactory.class).stream()
                .map(p -> p.type().getName())
                .anyMatch(name -> name.startsWith(connector().getClass().getPackageName()));
        assertThat(found).as("a ConnectorFactory for %s in META-INF/services", channel).isTrue();
    }

    @Test
    void offersWebhooksOrPolling() {
        assertThat(connector().webhooks().isPresent() || connector().poller().isPresent()).isTrue();
    }

    @Test
    void signedWebhookVerifies() {
        connector().webhooks().ifPresent(v -> assertThat(v.verify(signedWebhook(), tenantConnector())).isTrue());
    }

    @Test
    void unsignedWebhookIsRejected() {
        connector().webhooks().ifPresent(v -> {
            WebhookRequest signed = signedWebhook();
            Map<String, String> headers = new java.util.HashMap<>(signed.headers());
            headers.keySet().removeIf(h -> isAuthenticationHeader(h.toLowerCase(java.util.Locale.ROOT)));
            WebhookRequest unsigned = new WebhookRequest(signed.method(), signed.url(), signed.query(), headers,
                    signed.body());
            assertThat(v.verify(unsigned, tenantConnector())).isFalse();
        });
    }

    @Test
    void tamperedWebhookIsRejected() {
        if (!bodyIsSigned()) {
            return; // a shared secret covers no body: a changed body with the right secret is genuine to anyone
        }
        connector().webhooks().ifPresent(v -> {
            WebhookRequest signed = signedWebhook();
            byte[] body = signed.body().clone();
            body[body.length / 2] ^= 0x01;
            WebhookRequest tampered = new WebhookRequest(signed.method(), signed.url(), signed.query(),
                    signed.headers(), body);
            assertThat(v.verify(tampered, tenantConnector())).isFalse();
        });
    }

    @Test
    void samplePayloadsNormalizeToEvents() {
        for (InboundPayload p : samplePayloads()) {
            List<InboundEvent> events = connector().normalizer().normalize(p);
            assertThat(events).as("events of %s", new String(p.body(), StandardCharsets.UTF_8)).isNotEmpty();
            for (InboundEvent e : events) {
                if (e instanceof InboundMessage m) {
                    assertThat(m.content()).isNotNull();
                    assertThat(m.contactKey()).isNotBlank();
                    assertThat(m.providerMessageId()).isNotBlank();
                    assertThat(HubJson.mapper().valueToTree(m.content()).get("type")).isNotNull();
                } else if (e instanceof StatusUpdate s) {
                    assertThat(s.status()).isNotNull();
                    // a report names the message, or (a bounce, a read watermark) the recipient it is about
                    assertThat(s.providerMessageId() != null || s.hubMessageId() != null || s.recipient() != null)
                            .as("a status names a message or a recipient").isTrue();
                } else if (e instanceof ContactEvent c) {
                    assertThat(c.type()).isNotBlank();
                    assertThat(c.contactAddress()).isNotBlank();
                    assertThat(c.providerEventId()).as("the duplicate key of a contact event").isNotBlank();
                }
            }
        }
    }

    @Test
    void garbageIsMalformedNotACrash() {
        for (String garbage : List.of("", "{", "null", "[1,2", "\u0000\u0001", "<xml/>")) {
            Throwable t = catchThrowable(() -> connector().normalizer()
                    .normalize(payload(garbage.getBytes(StandardCharsets.UTF_8), Map.of())));
            if (t != null) {
                assertThat(t).as("normalizing %s", garbage).isInstanceOf(MalformedPayloadException.class);
            }
        }
    }

    @Test
    void secretsNeverShowInToString() {
        TenantConnector tc = tenantConnector();
        String printed = tc.toString() + tc.secrets().toString();
        for (String secret : tc.secrets().reveal().values()) {
            assertThat(printed).doesNotContain(secret);
        }
    }

    @Test
    void requiredSecretsAreEnforcedByTheDescriptor() {
        assertThatThrownBy(() -> Secrets.none().require("anything")).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("***");
    }
}

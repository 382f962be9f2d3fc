package io.channelhub.app.inbound;

import io.channelhub.app.flow.Messages;
import io.channelhub.app.registry.ActiveTenants;
import io.channelhub.app.registry.ConnectorCatalog;
import io.channelhub.app.registry.ResolvedConnector;
import io.channelhub.app.registry.TenantConnectors;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.WebhookReply;
import io.channelhub.core.spi.WebhookRequest;
import io.channelhub.core.spi.WebhookVerifier;
import io.channelhub.routes.HubQueues;
import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.WebhookIntake;
import io.channelhub.routes.port.WebhookRejectedException;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The request-thread part of webhook intake, generic over the SPI: find the tenant's connector (from the
 * path, or from the provider account in the payload for platform-wide URLs), answer handshakes, verify
 * the signature, check syntax, and hand back the raw payload to queue. Nothing here parses content or
 * calls a provider.
 */
@Component
class WebhookIntakeService implements WebhookIntake {
    /** Carries a hub id the hub itself put into a callback URL (Twilio's StatusCallback). */
    static final String HUB_MESSAGE_ID_HEADER = "X-Hub-Message-Id";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookIntakeService.class);
    private final ConnectorCatalog catalog;
    private final TenantConnectors connectors;
    private final ActiveTenants tenants;
    private final MeterRegistry meters;
    private final Clock clock;

    WebhookIntakeService(ConnectorCatalog catalog, TenantConnectors connectors, ActiveTenants tenants,
                         MeterRegistry meters, Clock clock) {
        this.catalog = catalog;
        this.connectors = connectors;
        this.tenants = tenants;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public Decision decide(String channel, String tenantId, WebhookRequest request) {
        ChannelConnector connector = catalog.find(channel)
                .orElseThrow(() -> new WebhookRejectedException(404, "Not Found", "unknown channel"));
        WebhookVerifier verifier = connector.webhooks()
                .orElseThrow(() -> new WebhookRejectedException(404, "Not Found", "this channel takes no webhooks"));
        if (tenantId == null && request.isGet()) {
            return platformWideHandshake(channel, verifier, request);
        }
        ResolvedConnector resolved = tenantId != null ? ofTenant(tenantId, channel) : ofAccount(channel, verifier,
                request);
        Optional<WebhookReply> handshake = verifier.handshake(request, resolved.config());
        if (handshake.isPresent()) {
            return new Decision(null, handshake.get());
        }
        if (request.isGet()) {
            throw new WebhookRejectedException(400, "Bad Request", "not a subscription handshake");
        }
        if (!verifier.verify(request, resolved.config())) {
            meters.counter("hub.webhooks.rejected", "channel", channel, "reason", "signature").increment();
            throw new WebhookRejectedException(401, "Unauthorized", "the webhook signature is missing or invalid");
        }
        String syntax = PayloadSyntax.problem(request.contentType(), request.body());
        if (syntax != null) {
            throw new WebhookRejectedException(400, "Bad Request", syntax);
        }
        String tenant = resolved.config().tenantId();
        if (!resolved.enabled()) {
            // 200 so the provider stops retrying; the event is counted, not forwarded.
            meters.counter("hub.webhooks.dropped", "channel", channel, "reason", "connector_disabled").increment();
            LOG.info("connector_disabled: webhook for tenant {} channel {} not forwarded", tenant, channel);
            return new Decision(null, verifier.acknowledgement());
        }
        return new Decision(intakeMessage(tenant, channel, verifier, request), verifier.acknowledgement());
    }

    private ResolvedConnector ofTenant(String tenantId, String channel) {
        if (tenants.find(tenantId).isEmpty()) {
            throw new WebhookRejectedException(404, "Not Found", "unknown tenant");
        }
        return connectors.resolve(tenantId, channel)
                .orElseThrow(() -> new WebhookRejectedException(404, "Not Found", "connector not configured"));
    }

    private ResolvedConnector ofAccount(String channel, WebhookVerifier verifier, WebhookRequest request) {
        String account = verifier.accountId(request)
                .orElseThrow(() -> new WebhookRejectedException(400, "Bad Request",
                        "the payload names no provider account"));
        List<ResolvedConnector> candidates = connectors.byAccount(channel, account);
        if (candidates.isEmpty()) {
            throw new WebhookRejectedException(404, "Not Found", "no tenant has this provider account");
        }
        if (candidates.size() > 1) {
            LOG.warn("{} tenants share the {} account; using the first enabled one", candidates.size(), channel);
        }
        return candidates.stream().filter(ResolvedConnector::enabled).findFirst().orElse(candidates.get(0));
    }

    private Decision platformWideHandshake(String channel, WebhookVerifier verifier, WebhookRequest request) {
        for (ResolvedConnector c : connectors.enabledOf(channel)) {
            Optional<WebhookReply> reply = verifier.handshake(request, c.config());
            if (reply.isPresent() && reply.get().status() == 200) {
                return new Decision(null, reply.get());
            }
        }
        return new Decision(null, WebhookReply.forbidden());
    }

    private Outgoing intakeMessage(String tenantId, String channel, WebhookVerifier verifier,
                                   WebhookRequest request) {
        Map<String, String> kept = new HashMap<>();
        for (String name : verifier.headersToKeep()) {
            request.header(name).ifPresent(v -> kept.put(name, v));
        }
        request.queryParam(Messages.HUB_MESSAGE_ID).ifPresent(v -> kept.put(HUB_MESSAGE_ID_HEADER, v));
        Map<String, Object> properties = Messages.routing(tenantId, channel, null);
        properties.put(IntakeProperties.HEADERS, Messages.json(kept));
        properties.put(IntakeProperties.RECEIVED_AT, clock.instant().toString());
        // Providers resend the same bytes when they retry: the broker drops the copy.
        properties.put(Messages.DUPLICATE_ID, sha256(tenantId, channel, request.body()));
        return new Outgoing(HubQueues.INTAKE, request.body(), properties);
    }

    static String sha256(String tenantId, String channel, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((tenantId + '\n' + channel + '\n').getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

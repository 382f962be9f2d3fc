package io.channelhub.app.inbound;

import io.channelhub.app.broker.BrokerGuard;
import io.channelhub.app.flow.Messages;
import io.channelhub.app.inbound.PlatformWideAttribution.Attribution;
import io.channelhub.app.inbound.PlatformWideAttribution.Target;
import io.channelhub.app.metrics.HubMeters;
import io.channelhub.app.registry.ActiveTenants;
import io.channelhub.app.registry.ConnectorCatalog;
import io.channelhub.app.registry.ResolvedConnector;
import io.channelhub.app.registry.TenantConnectors;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.WebhookReply;
import io.channelhub.core.spi.WebhookRequest;
import io.channelhub.core.spi.WebhookVerifier;
import io.channelhub.routes.port.Outgoing;
import io.channelhub.routes.port.WebhookIntake;
import io.channelhub.routes.port.WebhookRejectedException;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
    private final PlatformWideAttribution platformWide;
    private final ActiveTenants tenants;
    private final MeterRegistry meters;
    private final BrokerGuard broker;
    private final Clock clock;

    WebhookIntakeService(ConnectorCatalog catalog, TenantConnectors connectors, PlatformWideAttribution platformWide,
                         ActiveTenants tenants, MeterRegistry meters, BrokerGuard broker, Clock clock) {
        this.catalog = catalog;
        this.connectors = connectors;
        this.platformWide = platformWide;
        this.tenants = tenants;
        this.meters = meters;
        this.broker = broker;
        this.clock = clock;
    }

    @Override
    public Decision decide(String channel, String tenantId, WebhookRequest request) {
        ChannelConnector connector = catalog.find(channel)
                .orElseThrow(() -> new WebhookRejectedException(404, "Not Found", "unknown channel"));
        WebhookVerifier verifier = connector.webhooks()
                .orElseThrow(() -> new WebhookRejectedException(404, "Not Found", "this channel takes no webhooks"));
        broker.requireAvailable();
        if (tenantId == null) {
            return verifier.isHandshake(request) || request.isGet() ? platformWideHandshake(channel, verifier, request)
                    : platformWide(channel, verifier, request);
        }
        ResolvedConnector resolved = ofTenant(tenantId, channel);
        Optional<WebhookReply> handshake = verifier.handshake(request, resolved.config());
        if (handshake.isPresent()) {
            return Decision.answer(handshake.get());
        }
        if (request.isGet()) {
            throw new WebhookRejectedException(400, "Bad Request", "not a subscription handshake");
        }
        requireSignature(channel, verifier, request, resolved);
        requirePayloadType(verifier, request);
        requireSyntax(request);
        return new Decision(forwardable(resolved).map(r -> intakeMessage(r, verifier, request, null)).stream()
                .toList(), verifier.acknowledgement());
    }

    /**
     * A platform-wide POST: queued once per tenant the payload is attributed to (marked with the account
     * when it names several), after the signature check; accounts no tenant has are counted.
     */
    private Decision platformWide(String channel, WebhookVerifier verifier, WebhookRequest request) {
        Attribution attribution = platformWide.attribute(channel, verifier.accountIds(request),
                verifier.parentAccounts(request));
        List<Target> targets = new ArrayList<>(attribution.targets());
        requirePlatformSignature(channel, verifier, request, targets, attribution.enabled());
        requirePayloadType(verifier, request);
        requireSyntax(request);
        attribution.unattributed().forEach(account -> countUnattributed(channel, account));
        List<Outgoing> enqueue = new ArrayList<>();
        for (Target t : targets) {
            forwardable(t.connector()).ifPresent(r -> enqueue.add(intakeMessage(r, verifier, request,
                    attribution.marked() || t.parent() ? t.account() : null)));
        }
        return new Decision(enqueue, verifier.acknowledgement());
    }

    /**
     * Keeps the targets whose connector's secret verifies the request. Without targets, the request is
     * genuine when any enabled connector of the channel verifies it (one provider app signs for all).
     */
    private void requirePlatformSignature(String channel, WebhookVerifier verifier, WebhookRequest request,
                                          List<Target> targets, List<ResolvedConnector> enabled) {
        boolean genuine;
        if (targets.isEmpty()) {
            genuine = enabled.stream().anyMatch(r -> verifier.verify(request, r.config()));
        } else {
            targets.removeIf(t -> !verifier.verify(request, t.connector().config()));
            genuine = !targets.isEmpty();
        }
        if (!genuine) {
            rejectSignature(channel);
        }
    }

    /** 200 for a genuine event no tenant holds: counted and logged (ids only), never forwarded. */
    private void countUnattributed(String channel, String account) {
        meters.counter(HubMeters.WEBHOOKS_DROPPED, "channel", channel, "reason", "unattributed").increment();
        LOG.info("unattributed: {} webhook event for provider account {} not forwarded; no tenant's connector"
                + " has this account", channel, account);
    }

    private void requireSignature(String channel, WebhookVerifier verifier, WebhookRequest request,
                                  ResolvedConnector resolved) {
        if (!verifier.verify(request, resolved.config())) {
            rejectSignature(channel);
        }
    }

    private void rejectSignature(String channel) {
        meters.counter(HubMeters.WEBHOOKS_REJECTED, "channel", channel, "reason", "signature").increment();
        throw new WebhookRejectedException(401, "Unauthorized", "the webhook signature is missing or invalid");
    }

    /** A type the provider never posts would only fail later, in the normalizer, and be dead-lettered. */
    private static void requirePayloadType(WebhookVerifier verifier, WebhookRequest request) {
        Set<String> types = verifier.payloadTypes();
        String type = request.contentType() == null ? ""
                : request.contentType().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!types.isEmpty() && !types.contains(type)) {
            throw new WebhookRejectedException(415, "Unsupported Media Type", "this webhook takes "
                    + String.join(" or ", new TreeSet<>(types))
                    + (type.isEmpty() ? "; the request has no Content-Type" : ", not " + type));
        }
    }

    private static void requireSyntax(WebhookRequest request) {
        String syntax = PayloadSyntax.problem(request.contentType(), request.body());
        if (syntax != null) {
            throw new WebhookRejectedException(400, "Bad Request", syntax);
        }
    }

    /** The connector if its events are to be forwarded; a disabled one's are counted and dropped. */
    private Optional<ResolvedConnector> forwardable(ResolvedConnector resolved) {
        if (resolved.enabled()) {
            return Optional.of(resolved);
        }
        // 200 so the provider stops retrying; the event is counted, not forwarded.
        String channel = resolved.config().channel();
        meters.counter(HubMeters.WEBHOOKS_DROPPED, "channel", channel, "reason", "connector_disabled").increment();
        LOG.info("connector_disabled: webhook for tenant {} channel {} not forwarded", resolved.config().tenantId(),
                channel);
        return Optional.empty();
    }

    private ResolvedConnector ofTenant(String tenantId, String channel) {
        if (tenants.find(tenantId).isEmpty()) {
            throw new WebhookRejectedException(404, "Not Found", "unknown tenant");
        }
        return connectors.resolve(tenantId, channel)
                .orElseThrow(() -> new WebhookRejectedException(404, "Not Found", "connector not configured"));
    }

    private Decision platformWideHandshake(String channel, WebhookVerifier verifier, WebhookRequest request) {
        for (ResolvedConnector c : connectors.enabledOf(channel)) {
            Optional<WebhookReply> reply = verifier.handshake(request, c.config());
            if (reply.isPresent() && reply.get().status() == 200) {
                return Decision.answer(reply.get());
            }
        }
        return Decision.answer(WebhookReply.forbidden());
    }

    private Outgoing intakeMessage(ResolvedConnector resolved, WebhookVerifier verifier, WebhookRequest request,
                                   String account) {
        String tenantId = resolved.config().tenantId();
        String channel = resolved.config().channel();
        Map<String, String> kept = new HashMap<>();
        if (account != null) {
            kept.put(InboundPayload.ACCOUNT_HEADER, account);
        }
        for (String name : verifier.headersToKeep()) {
            request.header(name).ifPresent(v -> kept.put(name, v));
        }
        request.queryParam(Messages.HUB_MESSAGE_ID).ifPresent(v -> kept.put(HUB_MESSAGE_ID_HEADER, v));
        Map<String, Object> properties = Messages.routing(tenantId, channel, null);
        properties.put(IntakeProperties.HEADERS, Messages.json(kept));
        properties.put(IntakeProperties.RECEIVED_AT, clock.instant().toString());
        // Providers resend the same bytes when they retry: the broker drops the copy. A tenant may get a payload
        // twice, once per account it holds (a phone number and its parent): those copies are not duplicates.
        return new Outgoing.Normalize(request.body(), properties,
                sha256(tenantId, account == null ? channel : channel + '\n' + account, request.body()));
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

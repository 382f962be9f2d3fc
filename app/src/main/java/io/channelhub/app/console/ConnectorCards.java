package io.channelhub.app.console;

import io.channelhub.app.persistence.ConnectorRecord;
import io.channelhub.app.persistence.ConnectorRepository;
import io.channelhub.app.persistence.MessageRepository;
import io.channelhub.app.registry.ConnectorAdmin;
import io.channelhub.app.registry.ConnectorAdmin.ConnectorView;
import io.channelhub.app.registry.ConnectorCatalog;
import io.channelhub.app.registry.WebhookRegistrations;
import io.channelhub.core.model.Direction;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.ChannelDescriptor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * One card per channel the hub knows, built from the connectors' descriptors: a new connector module gets its card
 * (form, descriptions, required marks) without console code. Secrets appear as "set" or "not set", never a value.
 */
@Component
class ConnectorCards {
    /** The secret Meta's channels call the verify token: ops chose it, so the page only points at it. */
    static final String VERIFY_TOKEN = "verifyToken";
    private final ConnectorCatalog catalog;
    private final ConnectorAdmin admin;
    private final ConnectorRepository repository;
    private final MessageRepository messages;
    private final WebhookRegistrations registrations;
    private final ConnectorAttention attention;

    ConnectorCards(ConnectorCatalog catalog, ConnectorAdmin admin, ConnectorRepository repository,
                   MessageRepository messages, WebhookRegistrations registrations, ConnectorAttention attention) {
        this.catalog = catalog;
        this.admin = admin;
        this.repository = repository;
        this.messages = messages;
        this.registrations = registrations;
        this.attention = attention;
    }

    /** A form field: a setting (value shown) or a secret (only whether it is set). */
    record Field(String name, String kind, String inputId, String description, boolean required, String value,
                 boolean set) {
        public boolean secret() {
            return "secret".equals(kind);
        }

        public String param() {
            return kind + "." + name;
        }
    }

    record Card(String channel, String displayName, boolean configured, boolean enabled, String health,
                String healthDetail, String circuitState, String lastError, Instant lastErrorAt, String webhookUrl,
                boolean verifyToken, Instant lastInbound, Instant lastOutbound, List<Map<String, Object>> counters,
                Instant tokenExpiresAt, List<Field> settings, List<Field> secrets, String secretsRule,
                List<String> attention, String error) {
    }

    /**
     * @param failedChannel the channel whose save was refused (its form shows {@code submitted} and the error), or
     *                      null
     */
    List<Card> of(String tenantId, String failedChannel, Map<String, String> submitted, String error) {
        Map<String, ConnectorView> views = admin.list(tenantId).stream()
                .collect(Collectors.toMap(ConnectorView::channel, Function.identity()));
        Map<String, ConnectorRecord> records = repository.ofTenant(tenantId).stream()
                .collect(Collectors.toMap(ConnectorRecord::channel, Function.identity()));
        List<Card> cards = new ArrayList<>();
        for (ChannelConnector connector : catalog.all()) {
            String channel = connector.descriptor().id();
            boolean failed = channel.equals(failedChannel);
            cards.add(card(tenantId, connector, views.get(channel), records.get(channel),
                    failed ? submitted : null, failed ? error : null));
        }
        return cards;
    }

    private Card card(String tenantId, ChannelConnector connector, ConnectorView view, ConnectorRecord record,
                      Map<String, String> submitted, String error) {
        ChannelDescriptor d = connector.descriptor();
        String channel = d.id();
        Map<String, String> help = connector.fieldDescriptions();
        Map<String, String> stored = view == null ? Map.of() : view.settings();
        List<Field> settings = new ArrayList<>();
        List<String> settingNames = new ArrayList<>(d.settingKeys());
        ConnectorAdmin.HUB_SETTING_KEYS.stream().filter(k -> !settingNames.contains(k)).forEach(settingNames::add);
        for (String name : settingNames) {
            String value = submitted != null ? submitted.get("setting." + name) : stored.get(name);
            settings.add(new Field(name, "setting", channel + "-setting-" + name, description(help, name),
                    d.requiredSettings().contains(name), value == null ? "" : value, false));
        }
        Set<String> requiredSecrets = d.requiredSecrets().size() == 1 ? d.requiredSecrets().get(0) : Set.of();
        List<Field> secrets = new ArrayList<>();
        for (String name : d.secretKeys()) {
            boolean set = view != null && view.secrets().containsKey(name);
            secrets.add(new Field(name, "secret", channel + "-secret-" + name, description(help, name),
                    requiredSecrets.contains(name), "", set));
        }
        String rule = d.requiredSecrets().size() > 1 ? "Secrets needed: " + d.requiredSecrets().stream()
                .map(s -> String.join(" + ", s.stream().sorted().toList())).collect(Collectors.joining(", or "))
                : null;
        boolean webhooks = connector.webhooks().isPresent();
        String webhookUrl = webhooks ? registrations.url(tenantId, channel) : null;
        if (view == null) {
            return new Card(channel, d.displayName(), false, false, null, null, null, null, null, webhookUrl,
                    d.secretKeys().contains(VERIFY_TOKEN), null, null, List.of(), null, settings, secrets, rule,
                    List.of(), error);
        }
        // as the provider said at the hub's last renewal; unknown before the first one
        Instant expires = record == null ? null : record.credentialsExpireAt();
        return new Card(channel, d.displayName(), true, view.enabled(), view.health(), view.healthDetail(),
                view.circuitState(), view.lastError(), view.lastErrorAt(), webhookUrl,
                d.secretKeys().contains(VERIFY_TOKEN),
                messages.lastCreatedAt(tenantId, channel, Direction.INBOUND).orElse(null),
                messages.lastCreatedAt(tenantId, channel, Direction.OUTBOUND).orElse(null),
                view.counters(), expires, settings, secrets, rule,
                record == null ? List.of() : attention.reasons(record), error);
    }

    private static String description(Map<String, String> help, String name) {
        String text = help.get(name);
        if (text != null) {
            return text;
        }
        return switch (name) {
            case "rateLimitPerSecond" -> "Messages per second the hub sends on this connector; empty for the hub"
                    + " default.";
            case "optOutKeywords" -> "Words that opt a contact out (comma-separated); empty for the hub's defaults.";
            case "optInKeywords" -> "Words that opt a contact back in (comma-separated); empty for the hub's"
                    + " defaults.";
            case "restrictedContent" -> "Card numbers, IBANs, BSNs in a message: reject, redact or off; empty:"
                    + " reject on email, off elsewhere.";
            case "monthlyQuota" -> "Messages per calendar month (UTC) this connector may send; notices at 80 % and"
                    + " 100 %; empty for no quota.";
            case "quotaPolicy" -> "Once the quota is used up: all (refuse every outbound message) or marketing"
                    + " (refuse marketing only); empty for all.";
            default -> "";
        };
    }
}

package io.channelhub.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.channelhub.app.registry.ResolvedConnector;
import io.channelhub.app.registry.TenantConnectors;
import io.channelhub.core.spi.Secrets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Keeps secrets out of the console's pages: the tenant connector's own secret values wherever they appear
 * ({@link Secrets#redact}), and the values of headers and fields whose name says they carry a credential or a
 * signature (X-Hub-Signature-256, X-Twilio-Signature, X-Goog-Signature, X-Telegram-Bot-Api-Secret-Token,
 * Authorization, …) even when the hub does not know the secret behind them.
 */
@Component
class MessageRedaction {
    static final String REDACTED = "*** (redacted)";
    private static final Pattern SENSITIVE_NAME = Pattern.compile(
            "signature|secret|token|authorization|password|passwd|api[-_]?key|cookie|credential|private[-_]?key");
    private final TenantConnectors connectors;

    MessageRedaction(TenantConnectors connectors) {
        this.connectors = connectors;
    }

    static boolean sensitive(String name) {
        return name != null && SENSITIVE_NAME.matcher(name.toLowerCase(Locale.ROOT)).find();
    }

    /** The connector's secrets, or none when the tenant or its connector is gone (or cannot be decrypted). */
    Secrets secretsOf(String tenantId, String channel) {
        if (tenantId == null || channel == null) {
            return Secrets.none();
        }
        try {
            return connectors.resolve(tenantId, channel).map(ResolvedConnector::config).map(c -> c.secrets())
                    .orElse(Secrets.none());
        } catch (RuntimeException e) {
            return Secrets.none();
        }
    }

    /** A header's or property's value as the page may show it. */
    String value(Secrets secrets, String name, String value) {
        return sensitive(name) ? REDACTED : secrets.redact(value);
    }

    /** A copy of the JSON with sensitive fields' values and the connector's secrets replaced. */
    JsonNode json(Secrets secrets, JsonNode node) {
        JsonNode copy = node.deepCopy();
        scrub(secrets, copy);
        return copy;
    }

    private void scrub(Secrets secrets, JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (sensitive(field.getKey()) && field.getValue().isValueNode() && !field.getValue().isNull()
                        && !field.getValue().isBoolean()) {
                    field.setValue(TextNode.valueOf(REDACTED));
                } else if (field.getValue().isTextual()) {
                    field.setValue(TextNode.valueOf(secrets.redact(field.getValue().asText())));
                } else {
                    scrub(secrets, field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(secrets.redact(array.get(i).asText())));
                } else {
                    scrub(secrets, array.get(i));
                }
            }
        }
    }
}

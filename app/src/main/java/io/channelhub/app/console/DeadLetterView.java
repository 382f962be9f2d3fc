package io.channelhub.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.app.persistence.DeadLetter;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.spi.Secrets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A dead letter as its console page shows it: the raw payload as text (pretty-printed when it is JSON), the
 * provider headers intake kept and the other properties, all redacted by {@link MessageRedaction}.
 */
record DeadLetterView(DeadLetter letter, String createdAt, String replayedAt, String detail, String payload,
                      boolean json, boolean binary, List<Entry> headers, List<Entry> properties) {
    /** The property under which intake keeps the provider's headers, a JSON map (see the inbound package). */
    static final String HEADERS_PROPERTY = "hubHeaders";

    record Entry(String name, String value) {
    }

    static DeadLetterView of(DeadLetter d, MessageRedaction redaction) {
        Secrets secrets = redaction.secretsOf(d.tenantId(), d.channel());
        String payload;
        boolean json = false;
        boolean binary = "base64".equals(d.bodyEncoding());
        if (binary) {
            payload = d.body();
        } else {
            try {
                JsonNode tree = HubJson.mapper().readTree(d.body());
                if (tree != null && tree.isContainerNode()) {
                    payload = HubJson.mapper().writerWithDefaultPrettyPrinter()
                            .writeValueAsString(redaction.json(secrets, tree));
                    json = true;
                } else {
                    payload = secrets.redact(d.body());
                }
            } catch (IOException e) {
                payload = secrets.redact(d.body());
            }
        }
        List<Entry> headers = new ArrayList<>();
        List<Entry> properties = new ArrayList<>();
        for (Map.Entry<String, Object> p : new TreeMap<>(d.properties()).entrySet()) {
            String value = p.getValue() == null ? "" : String.valueOf(p.getValue());
            if (HEADERS_PROPERTY.equals(p.getKey())) {
                headers.addAll(headers(value, secrets, redaction));
            } else {
                properties.add(new Entry(p.getKey(), redaction.value(secrets, p.getKey(), value)));
            }
        }
        return new DeadLetterView(d, MessageRow.time(d.createdAt()), MessageRow.time(d.replayedAt()),
                secrets.redact(d.detail()), payload, json, binary, headers, properties);
    }

    private static List<Entry> headers(String json, Secrets secrets, MessageRedaction redaction) {
        List<Entry> out = new ArrayList<>();
        try {
            JsonNode map = HubJson.mapper().readTree(json);
            map.fields().forEachRemaining(h -> out.add(new Entry(h.getKey(),
                    redaction.value(secrets, h.getKey(), h.getValue().asText()))));
            out.sort(java.util.Comparator.comparing(e -> e.name().toLowerCase(java.util.Locale.ROOT)));
        } catch (IOException | RuntimeException e) {
            out.add(new Entry(HEADERS_PROPERTY, MessageRedaction.REDACTED));
        }
        return out;
    }
}

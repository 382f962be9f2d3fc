package io.channelhub.connector.sms.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.core.model.HubJson;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Twilio webhook body as its parameters, in the order sent: form-encoded (UTF-8) as Twilio's messaging
 * webhooks are, or a JSON object of the same parameter names. Twilio adds parameters without notice, so
 * nothing is filtered: the signature covers all.
 */
public final class TwilioForm {
    private final Map<String, List<String>> params;

    private TwilioForm(Map<String, List<String>> params) {
        this.params = params;
    }

    /**
     * The body read by its {@code Content-Type}: JSON for {@code application/json}, else form-encoded.
     *
     * @throws IllegalArgumentException when the body cannot be read as that type
     */
    public static TwilioForm parse(byte[] body, String contentType) {
        return isJson(contentType) ? parseJson(body) : parse(body);
    }

    /** True for {@code application/json}, with or without parameters. */
    public static boolean isJson(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json");
    }

    /** @throws IllegalArgumentException when the body is not form-encoded (a broken {@code %} escape) */
    public static TwilioForm parse(byte[] body) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        String text = new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (!name.isEmpty()) {
                params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        return new TwilioForm(params);
    }

    /**
     * A JSON object's top-level fields as parameters: a text, number or boolean as written, an array's
     * items as repeated values. Nested objects are no Twilio parameter and are left out.
     *
     * @throws IllegalArgumentException when the body is not a JSON object
     */
    static TwilioForm parseJson(byte[] body) {
        JsonNode root;
        try {
            root = HubJson.mapper().readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        root.fields().forEachRemaining(field -> {
            List<String> values = new ArrayList<>();
            (field.getValue().isArray() ? field.getValue() : List.of(field.getValue())).forEach(value -> {
                if (value.isValueNode() && !value.isNull()) {
                    values.add(value.asText());
                }
            });
            if (!field.getKey().isEmpty() && !values.isEmpty()) {
                params.put(field.getKey(), values);
            }
        });
        return new TwilioForm(params);
    }

    /** The first value of a parameter, if present (possibly empty). */
    public Optional<String> value(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The first value of a parameter, if present and not blank. */
    public Optional<String> text(String name) {
        return value(name).filter(v -> !v.isBlank());
    }

    public boolean has(String name) {
        return params.containsKey(name);
    }

    /** Each parameter with its first value, as {@code RequestValidator} takes them. */
    public Map<String, String> firstValues() {
        Map<String, String> first = new LinkedHashMap<>();
        params.forEach((name, values) -> first.put(name, values.get(0)));
        return first;
    }

    public Map<String, List<String>> all() {
        return Collections.unmodifiableMap(params);
    }

    public boolean isEmpty() {
        return params.isEmpty();
    }

    @Override
    public String toString() {
        return "TwilioForm" + params.keySet();
    }
}

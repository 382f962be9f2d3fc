package io.channelhub.connector.sms.model;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Twilio webhook body ({@code application/x-www-form-urlencoded}, UTF-8) as its parameters, in the
 * order sent. Twilio adds parameters without notice, so nothing is filtered: the signature covers all.
 */
public final class TwilioForm {
    private final Map<String, List<String>> params;

    private TwilioForm(Map<String, List<String>> params) {
        this.params = params;
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

    /** True when some parameter name occurs more than once (Twilio's messaging webhooks never do). */
    public boolean hasRepeatedNames() {
        return params.values().stream().anyMatch(v -> v.size() > 1);
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

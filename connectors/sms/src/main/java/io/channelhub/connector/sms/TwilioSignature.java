package io.channelhub.connector.sms;

import io.channelhub.core.signature.HmacSignatures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Twilio's {@code X-Twilio-Signature} of one URL and its parameters: Base64 HMAC-SHA1, keyed with the
 * account's auth token, over the URL followed by each parameter's name and value, names sorted. Where a
 * name repeats, each of its distinct values follows in sorted order, as twilio-python's
 * ({@code sorted(set(values))}) and twilio-node's validators build it; twilio-java's validator takes one
 * value per name and cannot express a repeat. https://www.twilio.com/docs/usage/webhooks/webhooks-security
 */
final class TwilioSignature {
    private TwilioSignature() {
    }

    static String of(String authToken, String url, Map<String, List<String>> params) {
        StringBuilder signed = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, values) -> values.stream().distinct().sorted()
                .forEach(value -> signed.append(name).append(value)));
        return HmacSignatures.hmacSha1Base64(authToken, signed.toString().getBytes(StandardCharsets.UTF_8));
    }
}

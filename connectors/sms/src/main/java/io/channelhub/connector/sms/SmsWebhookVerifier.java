package io.channelhub.connector.sms;

import io.channelhub.connector.sms.model.TwilioForm;
import io.channelhub.core.signature.HmacSignatures;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookReply;
import io.channelhub.core.spi.WebhookRequest;
import io.channelhub.core.spi.WebhookVerifier;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks {@code X-Twilio-Signature} the way Twilio's own validators do, keyed with the account's auth
 * token (https://www.twilio.com/docs/usage/webhooks/webhooks-security):
 * <ul>
 *   <li>form-encoded webhooks: the {@linkplain TwilioSignature signature} over the URL and every form
 *       parameter, repeated names included;</li>
 *   <li>JSON-bodied webhooks: the signature over the URL alone, which then carries the hex SHA-256 of the
 *       raw body as its {@code bodySHA256} query parameter, compared in constant time.</li>
 * </ul>
 * Each is tried on every {@linkplain TwilioSignedUrls spelling of the URL} Twilio may have signed.
 *
 * <p>The SDK's {@code com.twilio.security.RequestValidator} is not used: it takes one value per
 * parameter name, and when it adds or removes the port it re-builds the URL from its decoded parts, which
 * changes the escapes Twilio signed ({@code ?a=b%26c} becomes {@code ?a=b&c}); it never tries the
 * unescaped form of a URL with non-ASCII characters. The tests cross-check this class against it wherever
 * it can judge.
 *
 * <p>The key is always the auth token: Twilio signs with it even when the REST calls use an API key,
 * so a tenant with API keys only cannot have its webhooks verified and they are refused.
 */
final class SmsWebhookVerifier implements WebhookVerifier {
    static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    static final String BODY_SHA256 = "bodySHA256";
    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";
    private static final Logger LOG = LoggerFactory.getLogger(SmsWebhookVerifier.class);

    @Override
    public boolean verify(WebhookRequest request, TenantConnector connector) {
        Optional<String> signature = request.header(SIGNATURE_HEADER).map(String::trim).filter(s -> !s.isEmpty());
        Optional<String> token = connector.secrets().get(SmsCredentials.AUTH_TOKEN);
        if (signature.isEmpty() || request.url() == null) {
            return false;
        }
        if (token.isEmpty()) {
            LOG.warn("sms webhook for tenant {} refused: no authToken configured to verify Twilio's signature",
                    connector.tenantId());
            return false;
        }
        if (TwilioForm.isJson(request.contentType())) {
            return request.queryParam(BODY_SHA256)
                    .filter(hash -> HmacSignatures.constantTimeEqualsHex(sha256Hex(request.body()), hash))
                    .isPresent() && signedUrl(request, token.get(), signature.get(), Map.of());
        }
        TwilioForm form;
        try {
            form = TwilioForm.parse(request.body());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return signedUrl(request, token.get(), signature.get(), form.all());
    }

    private static boolean signedUrl(WebhookRequest request, String token, String signature,
                                     Map<String, List<String>> params) {
        for (String received : receivedUrls(request)) {
            for (String url : TwilioSignedUrls.of(received)) {
                if (HmacSignatures.constantTimeEquals(TwilioSignature.of(token, url, params), signature)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The URL as the hub received it; when the hub passed it without its query string but with query
     * parameters (the status callback's {@code hubMessageId}), also the URL with them appended.
     */
    private static List<String> receivedUrls(WebhookRequest request) {
        List<String> urls = new ArrayList<>(List.of(request.url()));
        if (!request.url().contains("?") && !request.query().isEmpty()) {
            StringBuilder query = new StringBuilder();
            request.query().forEach((name, values) -> values.forEach(value -> query
                    .append(query.length() == 0 ? "?" : "&")
                    .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8))));
            urls.add(request.url() + query);
        }
        return urls;
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** {@code AccountSid} of the form (or JSON body), for a platform-wide webhook URL. */
    @Override
    public Optional<String> accountId(WebhookRequest request) {
        try {
            return TwilioForm.parse(request.body(), request.contentType()).text("AccountSid").map(String::trim);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Twilio expects TwiML; an empty {@code <Response>} sends no reply message. */
    @Override
    public WebhookReply acknowledgement() {
        return new WebhookReply(200, "text/xml", EMPTY_TWIML);
    }

    /**
     * Twilio's messaging webhooks and status callbacks are form posts; JSON bodies are taken when Twilio
     * signs them with {@code bodySHA256}.
     */
    @Override
    public Set<String> payloadTypes() {
        return Set.of("application/x-www-form-urlencoded", "application/json");
    }

    @Override
    public Set<String> headersToKeep() {
        return Set.of("Content-Type");
    }
}

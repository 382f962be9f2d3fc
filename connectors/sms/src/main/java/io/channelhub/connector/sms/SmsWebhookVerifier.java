package io.channelhub.connector.sms;

import com.twilio.security.RequestValidator;
import io.channelhub.connector.sms.model.TwilioForm;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookReply;
import io.channelhub.core.spi.WebhookRequest;
import io.channelhub.core.spi.WebhookVerifier;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks {@code X-Twilio-Signature} on Twilio's form-encoded webhooks with the SDK's
 * {@link RequestValidator}: Base64 HMAC-SHA1, keyed with the account's auth token, over the URL Twilio
 * called followed by every form parameter sorted by name. The validator itself tries the URL with and
 * without the default port ({@code :443}/{@code :80}), because Twilio signs some requests one way and
 * some the other. https://www.twilio.com/docs/usage/webhooks/webhooks-security
 *
 * <p>The key is always the auth token: Twilio signs with it even when the REST calls use an API key,
 * so a tenant with API keys only cannot have its webhooks verified and they are refused.
 */
final class SmsWebhookVerifier implements WebhookVerifier {
    static final String SIGNATURE_HEADER = "X-Twilio-Signature";
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
        TwilioForm form;
        try {
            form = TwilioForm.parse(request.body());
        } catch (IllegalArgumentException e) {
            return false;
        }
        // RequestValidator takes one value per name; Twilio's messaging webhooks never repeat a name, and
        // a request that does fails verification rather than being half-checked.
        if (form.hasRepeatedNames()) {
            return false;
        }
        Map<String, String> params = form.firstValues();
        RequestValidator validator = new RequestValidator(token.get());
        for (String url : candidateUrls(request)) {
            if (validator.validate(url, params, signature.get())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The URL as the hub received it; when the hub passed it without its query string but with query
     * parameters (the status callback's {@code hubMessageId}), also the URL with them appended.
     */
    private static List<String> candidateUrls(WebhookRequest request) {
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

    /** {@code AccountSid} of the form, for a platform-wide webhook URL. */
    @Override
    public Optional<String> accountId(WebhookRequest request) {
        try {
            return TwilioForm.parse(request.body()).text("AccountSid").map(String::trim);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Twilio expects TwiML; an empty {@code <Response>} sends no reply message. */
    @Override
    public WebhookReply acknowledgement() {
        return new WebhookReply(200, "text/xml", EMPTY_TWIML);
    }

    /** Twilio's messaging webhooks and status callbacks are form posts; JSON-bodied ones are not taken. */
    @Override
    public Set<String> payloadTypes() {
        return Set.of("application/x-www-form-urlencoded");
    }

    @Override
    public Set<String> headersToKeep() {
        return Set.of("Content-Type");
    }
}

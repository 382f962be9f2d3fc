package io.channelhub.connector.whatsapp;

import io.channelhub.connector.whatsapp.model.WhatsAppWebhookPayload;
import io.channelhub.core.signature.HmacSignatures;
import io.channelhub.core.spi.ParentAccount;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookReply;
import io.channelhub.core.spi.WebhookRequest;
import io.channelhub.core.spi.WebhookVerifier;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Meta's webhook security for WhatsApp: the subscription handshake ({@code GET ?hub.mode=subscribe&
 * hub.verify_token=…&hub.challenge=…}) and the {@code X-Hub-Signature-256: sha256=<hex>} HMAC-SHA256 of the
 * raw body keyed with the app secret. Meta signs the bytes as sent (with {@code \u00e4}-style escapes), so
 * only the raw bytes are hashed. https://developers.facebook.com/docs/graph-api/webhooks/getting-started
 */
public final class WhatsAppWebhookVerifier implements WebhookVerifier {

    static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    private static final String SIGNATURE_PREFIX = "sha256=";

    @Override
    public boolean verify(WebhookRequest request, TenantConnector connector) {
        Optional<String> secret = connector.secrets().get(WhatsAppSettings.APP_SECRET);
        Optional<String> header = request.header(SIGNATURE_HEADER).map(String::trim);
        if (secret.isEmpty() || header.isEmpty()
                || !header.get().regionMatches(true, 0, SIGNATURE_PREFIX, 0, SIGNATURE_PREFIX.length())) {
            return false;
        }
        String expected = HmacSignatures.hmacSha256Hex(secret.get(), request.body());
        return HmacSignatures.constantTimeEqualsHex(expected, header.get().substring(SIGNATURE_PREFIX.length()));
    }

    /** Every GET is Meta's handshake: answered with the challenge, or 403 for anything not quite right. */
    @Override
    public Optional<WebhookReply> handshake(WebhookRequest request, TenantConnector connector) {
        if (!request.isGet()) {
            return Optional.empty();
        }
        Optional<String> verifyToken = connector.secrets().get(WhatsAppSettings.VERIFY_TOKEN);
        Optional<String> challenge = request.queryParam("hub.challenge");
        boolean subscribe = request.queryParam("hub.mode").filter("subscribe"::equals).isPresent();
        boolean tokenMatches = verifyToken.isPresent() && HmacSignatures.constantTimeEquals(verifyToken.get(),
                request.queryParam("hub.verify_token").orElse(null));
        if (subscribe && tokenMatches && challenge.isPresent()) {
            return Optional.of(WebhookReply.text(200, challenge.get()));
        }
        return Optional.of(WebhookReply.forbidden());
    }

    /** The first {@code metadata.phone_number_id} of the payload, for platform-wide webhook URLs. */
    @Override
    public Optional<String> accountId(WebhookRequest request) {
        List<String> ids = WhatsAppWebhookPayload.phoneNumberIds(request.body());
        return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(0));
    }

    /** Every {@code metadata.phone_number_id} of the payload: one Meta app batches several numbers. */
    @Override
    public Set<String> accountIds(WebhookRequest request) {
        return new LinkedHashSet<>(WhatsAppWebhookPayload.phoneNumberIds(request.body()));
    }

    /**
     * The WhatsApp Business Account ({@code entry[].id}, setting {@code wabaId}) of events that name no phone
     * number: account_update, message_template_status_update, phone_number_quality_update, … See
     * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/overview
     */
    @Override
    public Set<ParentAccount> parentAccounts(WebhookRequest request) {
        Set<ParentAccount> accounts = new LinkedHashSet<>();
        for (String wabaId : WhatsAppWebhookPayload.businessAccountIdsOfAccountEvents(request.body())) {
            accounts.add(new ParentAccount(WhatsAppSettings.WABA_ID, wabaId));
        }
        return accounts;
    }

    /** Meta posts every webhook event as {@code application/json}. */
    @Override
    public Set<String> payloadTypes() {
        return Set.of("application/json");
    }
}

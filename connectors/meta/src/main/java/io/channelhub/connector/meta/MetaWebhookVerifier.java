package io.channelhub.connector.meta;

import io.channelhub.core.signature.HmacSignatures;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookReply;
import io.channelhub.core.spi.WebhookRequest;
import io.channelhub.core.spi.WebhookVerifier;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Meta's webhook security, the same on every Meta channel: the subscription handshake ({@code GET
 * ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…}) checked against the {@code verifyToken} secret, and
 * {@code X-Hub-Signature-256: sha256=<hex>}, the HMAC-SHA256 of the raw body keyed with the {@code appSecret}
 * secret. Meta signs the bytes as sent (with {@code \u00e4}-style escapes), so only the raw bytes are hashed.
 * A channel says which accounts a body carries events for. See
 * https://developers.facebook.com/docs/graph-api/webhooks/getting-started
 */
public abstract class MetaWebhookVerifier implements WebhookVerifier {

    public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    private static final String SIGNATURE_PREFIX = "sha256=";

    @Override
    public final boolean verify(WebhookRequest request, TenantConnector connector) {
        Optional<String> secret = connector.secrets().get(GraphAccount.APP_SECRET);
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
    public final Optional<WebhookReply> handshake(WebhookRequest request, TenantConnector connector) {
        if (!request.isGet()) {
            return Optional.empty();
        }
        Optional<String> verifyToken = connector.secrets().get(GraphAccount.VERIFY_TOKEN);
        Optional<String> challenge = request.queryParam("hub.challenge");
        boolean subscribe = request.queryParam("hub.mode").filter("subscribe"::equals).isPresent();
        boolean tokenMatches = verifyToken.isPresent() && HmacSignatures.constantTimeEquals(verifyToken.get(),
                request.queryParam("hub.verify_token").orElse(null));
        if (subscribe && tokenMatches && challenge.isPresent()) {
            return Optional.of(WebhookReply.text(200, challenge.get()));
        }
        return Optional.of(WebhookReply.forbidden());
    }

    /** Every account of the body, in order, for the routing of platform-wide webhooks; empty when unreadable. */
    protected abstract List<String> accountIdsOf(byte[] body);

    @Override
    public final Optional<String> accountId(WebhookRequest request) {
        return accountIdsOf(request.body()).stream().findFirst();
    }

    @Override
    public final Set<String> accountIds(WebhookRequest request) {
        return new LinkedHashSet<>(accountIdsOf(request.body()));
    }

    /** Meta posts every webhook event as {@code application/json}. */
    @Override
    public final Set<String> payloadTypes() {
        return Set.of("application/json");
    }
}

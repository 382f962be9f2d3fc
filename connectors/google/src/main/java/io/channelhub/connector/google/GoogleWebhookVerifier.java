package io.channelhub.connector.google;

import io.channelhub.connector.google.model.RbmHandshake;
import io.channelhub.connector.google.model.RbmPush;
import io.channelhub.core.signature.HmacSignatures;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookReply;
import io.channelhub.core.spi.WebhookRequest;
import io.channelhub.core.spi.WebhookVerifier;
import java.util.Optional;
import java.util.Set;

/**
 * RBM's webhook security: the registration handshake ({@code {clientToken, secret}} answered with the
 * secret) and {@code X-Goog-Signature} = base64(HMAC-SHA512(key = clientToken, data = the base64-decoded
 * {@code message.data})) on every push, compared in constant time (PROTOCOLS.md §10.2).
 */
public final class GoogleWebhookVerifier implements WebhookVerifier {

    static final String SIGNATURE_HEADER = "X-Goog-Signature";

    @Override
    public boolean verify(WebhookRequest request, TenantConnector connector) {
        Optional<String> clientToken = connector.secrets().get(GoogleSettings.CLIENT_TOKEN);
        Optional<String> signature = request.header(SIGNATURE_HEADER).map(String::trim);
        if (clientToken.isEmpty() || signature.isEmpty()) {
            return false;
        }
        return RbmPush.parse(request.body())
                .map(push -> HmacSignatures.constantTimeEquals(
                        HmacSignatures.hmacSha512Base64(clientToken.get(), push.data()), signature.get()))
                .orElse(false);
    }

    /** A POST with a top-level {@code secret} is the handshake. */
    @Override
    public boolean isHandshake(WebhookRequest request) {
        return !request.isGet() && RbmHandshake.parse(request.body()).isPresent();
    }

    /** The handshake is answered with the secret for the right token, else 403. */
    @Override
    public Optional<WebhookReply> handshake(WebhookRequest request, TenantConnector connector) {
        if (request.isGet()) {
            return Optional.empty();
        }
        return RbmHandshake.parse(request.body()).map(handshake -> {
            Optional<String> clientToken = connector.secrets().get(GoogleSettings.CLIENT_TOKEN);
            boolean matches = clientToken.isPresent()
                    && HmacSignatures.constantTimeEquals(clientToken.get(), handshake.clientToken());
            return matches ? WebhookReply.text(200, handshake.secret()) : WebhookReply.forbidden();
        });
    }

    /**
     * The agent a platform-wide push is for: {@code agentId} of the decoded data, without the
     * {@code @rbm.goog} Google appends, so it matches the tenant's {@code agentId} setting.
     */
    @Override
    public Optional<String> accountId(WebhookRequest request) {
        return RbmPush.parse(request.body()).flatMap(RbmPush::json)
                .map(data -> data.path("agentId"))
                .filter(agent -> agent.isTextual() && !agent.asText().isBlank())
                .map(agent -> withoutDomain(agent.asText().trim()));
    }

    @Override
    public Set<String> payloadTypes() {
        return Set.of("application/json");
    }

    static String withoutDomain(String agentId) {
        return agentId.endsWith(GoogleSettings.AGENT_DOMAIN)
                ? agentId.substring(0, agentId.length() - GoogleSettings.AGENT_DOMAIN.length())
                : agentId;
    }
}

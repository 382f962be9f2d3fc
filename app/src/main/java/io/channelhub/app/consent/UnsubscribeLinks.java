package io.channelhub.app.consent;

import io.channelhub.app.HubProperties;
import io.channelhub.app.security.SecretCipher;
import io.channelhub.core.signature.HmacSignatures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * One-click unsubscribe links (RFC 8058) for marketing messages: the link names the tenant, channel and
 * contact, signed with a key derived from the master key, so it cannot be forged for another contact
 * and needs no database row.
 */
@Component
public class UnsubscribeLinks {
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();
    private final byte[] key;
    private final HubProperties hub;

    public UnsubscribeLinks(SecretCipher cipher, HubProperties hub) {
        this.key = cipher.deriveKey("unsubscribe-links");
        this.hub = hub;
    }

    /** Whom a link unsubscribes. */
    public record Target(String tenantId, String channel, String address) {
    }

    public String url(String tenantId, String channel, String address) {
        String payload = ENC.encodeToString((tenantId + '\n' + channel + '\n' + address)
                .getBytes(StandardCharsets.UTF_8));
        String signature = ENC.encodeToString(HmacSignatures.hmac("HmacSHA256", key,
                payload.getBytes(StandardCharsets.US_ASCII)));
        return hub.publicBaseUrl().replaceAll("/+$", "") + "/unsubscribe/" + payload + "." + signature;
    }

    public Optional<Target> verify(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0 || token.length() > 2048) {
            return Optional.empty();
        }
        String payload = token.substring(0, dot);
        byte[] expected = HmacSignatures.hmac("HmacSHA256", key, payload.getBytes(StandardCharsets.US_ASCII));
        try {
            if (!MessageDigest.isEqual(expected, DEC.decode(token.substring(dot + 1)))) {
                return Optional.empty();
            }
            String[] parts = new String(DEC.decode(payload), StandardCharsets.UTF_8).split("\n", 3);
            return parts.length == 3 ? Optional.of(new Target(parts[0], parts[1], parts[2])) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

package io.channelhub.app.persistence;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Map;

/**
 * A message the hub gave up on, kept for ops with its original body and properties so it can be replayed.
 *
 * @param bodyEncoding {@code utf8} or {@code base64}
 */
public record DeadLetter(String id, String tenantId, String channel, String originalQueue, String reasonCode,
                         String detail, int attempts, String body, String bodyEncoding,
                         Map<String, Object> properties, String messageId, Instant createdAt, Instant replayedAt) {

    @JsonIgnore
    public byte[] bodyBytes() {
        return "base64".equals(bodyEncoding) ? java.util.Base64.getDecoder().decode(body)
                : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}

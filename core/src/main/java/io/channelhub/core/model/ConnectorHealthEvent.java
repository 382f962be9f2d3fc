package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A change in a tenant connector's health (CONTRACT §7 {@code connector_health}), published on
 * {@code hub.events} beside status events so the platform can tell the dealer: a token expired or was
 * revoked, the credential check fails, items were set aside.
 *
 * @param health {@code ok}, {@code degraded}, {@code unhealthy}, {@code unreachable} or {@code unknown}
 * @param detail what ops must do, without secrets
 */
public record ConnectorHealthEvent(String id, String tenantId, String channel, String health, String detail,
                                   Instant timestamp) {
    public static final String TYPE = "connector_health";

    @JsonProperty("type")
    public String type() {
        return TYPE;
    }
}

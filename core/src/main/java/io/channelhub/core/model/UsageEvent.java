package io.channelhub.core.model;

import java.time.Instant;

/**
 * A tenant connector's usage crossed a share of its monthly quota (CONTRACT §7): {@code usage_warning} at 80 %,
 * {@code usage_limit_reached} at 100 %, each once per month, on {@code hub.events}.
 *
 * @param period the month, UTC, {@code yyyy-MM}
 * @param used   outbound messages counted this month when it was noticed
 * @param quota  the connector's {@code monthlyQuota}
 */
public record UsageEvent(String id, String type, String tenantId, String channel, String period, long used,
                         long quota, Instant timestamp) {
    public static final String WARNING = "usage_warning";
    public static final String LIMIT_REACHED = "usage_limit_reached";
}

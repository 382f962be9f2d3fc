package io.channelhub.app.usage;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.channelhub.app.flow.Messages;
import io.channelhub.app.persistence.UsageRepository;
import io.channelhub.core.model.UsageEvent;
import io.channelhub.routes.port.Outgoing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Each connector's monthly quota (settings {@value #QUOTA_SETTING}, messages per calendar month in UTC, and
 * {@value #POLICY_SETTING}: {@code all} refuses every outbound message once it is used up, {@code marketing} only
 * marketing; inbound is never refused): whether a message is over it, and the notices at 80 % and 100 %.
 * What counts is the month's outbound messages in the usage counters, read at most once a second per connector,
 * plus what this instance counted but has not written yet: exact on one instance; several may each let through
 * what they count within that second.
 */
@Component
public class Quotas {
    public static final String QUOTA_SETTING = "monthlyQuota";
    public static final String POLICY_SETTING = "quotaPolicy";
    private static final Duration READ_EVERY = Duration.ofSeconds(1);
    private final UsageRepository usage;
    private final Clock clock;
    private final LoadingCache<Counter, Long> written;

    public Quotas(UsageRepository usage, Clock clock) {
        this.usage = usage;
        this.clock = clock;
        this.written = Caffeine.newBuilder().expireAfterWrite(READ_EVERY).maximumSize(100_000)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build(c -> usage.outbound(c.tenantId(), c.channel(), clock.instant()));
    }

    private record Counter(String tenantId, String channel) {
    }

    /** A connector's quota: messages per month, and whether using it up stops marketing only. */
    record Quota(long perMonth, boolean marketingOnly) {
    }

    /** What is wrong with the quota settings, if anything. */
    public static Optional<String> settingsProblem(Map<String, String> settings) {
        String quota = settings.get(QUOTA_SETTING);
        if (quota != null && !quota.isBlank() && parse(quota) < 1) {
            return Optional.of("setting '" + QUOTA_SETTING + "' must be a whole number of messages, at least 1");
        }
        String policy = settings.get(POLICY_SETTING);
        if (policy != null && !policy.isBlank() && !policy.strip().equals("all") && !policy.strip().equals("marketing")) {
            return Optional.of("setting '" + POLICY_SETTING + "' must be all or marketing");
        }
        return Optional.empty();
    }

    /**
     * Why the message may not go because the quota is used up, or empty.
     *
     * @param pendingHere what this instance counted for the connector and has not written yet
     */
    Optional<String> refusal(String tenantId, String channel, Map<String, String> settings, boolean marketing,
                             long pendingHere) {
        Optional<Quota> quota = of(settings);
        if (quota.isEmpty() || (quota.get().marketingOnly() && !marketing)) {
            return Optional.empty();
        }
        long used = written.get(new Counter(tenantId, channel)) + pendingHere;
        if (used < quota.get().perMonth()) {
            return Optional.empty();
        }
        return Optional.of("the connector's monthly quota of " + quota.get().perMonth() + " messages is used up ("
                + used + " this month)" + (quota.get().marketingOnly() ? "; it stops marketing only" : ""));
    }

    /**
     * The notices due now that {@code used} messages are counted this month: each at most once per month,
     * across instances (the first to claim it in the database publishes it).
     */
    List<Outgoing> noticesAt(String tenantId, String channel, Map<String, String> settings, long used) {
        Optional<Quota> quota = of(settings);
        List<Outgoing> due = new ArrayList<>();
        if (quota.isEmpty()) {
            return due;
        }
        long limit = quota.get().perMonth();
        Instant now = clock.instant();
        if (used * 5 >= limit * 4 && usage.claimNotice(tenantId, channel, UsageEvent.WARNING, now)) {
            due.add(event(UsageEvent.WARNING, tenantId, channel, used, limit, now));
        }
        if (used >= limit && usage.claimNotice(tenantId, channel, UsageEvent.LIMIT_REACHED, now)) {
            due.add(event(UsageEvent.LIMIT_REACHED, tenantId, channel, used, limit, now));
        }
        return due;
    }

    private static Outgoing event(String type, String tenantId, String channel, long used, long quota, Instant now) {
        UsageEvent event = new UsageEvent(UUID.randomUUID().toString(), type, tenantId, channel,
                UsageRepository.period(now), used, quota, now);
        Map<String, Object> properties = Messages.routing(tenantId, channel, null);
        properties.put("type", type);
        return new Outgoing.Event(Messages.json(event), properties);
    }

    static Optional<Quota> of(Map<String, String> settings) {
        String quota = settings.get(QUOTA_SETTING);
        if (quota == null || quota.isBlank() || parse(quota) < 1) {
            return Optional.empty();
        }
        return Optional.of(new Quota(parse(quota), "marketing".equals(String.valueOf(settings.get(POLICY_SETTING))
                .strip())));
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

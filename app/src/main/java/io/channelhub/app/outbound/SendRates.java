package io.channelhub.app.outbound;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.channelhub.app.HubProperties;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.sql.DatabaseMetaData;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Each connector's send rate ({@value #RATE_SETTING} per second, else {@code hub.breaker.default-rate-per-second}),
 * held for the whole cluster: on PostgreSQL — the database instances share — one token bucket per connector lives
 * in table {@code rate_buckets} (Bucket4j), so two instances together send at the connector's rate, not twice it.
 * An instance takes from its copy of the bucket and settles with the database every {@link #SYNC_EVERY} or every
 * twentieth of the rate taken (Bucket4j's delaying optimization): a row locked per send cost 26 % of P4's send
 * rate on PostgreSQL, this nothing measurable (BENCHMARKS.md, issue 19); the cluster may run ahead by at most a
 * twentieth of the rate per instance. On the embedded H2 database there is one instance by construction and the
 * bucket lives in memory. A bucket refills evenly over the second (a burst is at most one second's rate) and takes
 * a changed rate at its next use, keeping what was left.
 */
@Component
public class SendRates {
    /** Connector setting overriding the hub's default send rate. */
    public static final String RATE_SETTING = "rateLimitPerSecond";
    /** In-memory buckets of connectors not used for this long are dropped (and start full when used again). */
    private static final Duration IDLE = Duration.ofHours(1);
    /** The longest an instance's takes stay unknown to the others. */
    static final Duration SYNC_EVERY = Duration.ofMillis(50);
    private final int defaultRate;
    /** Null on H2: the buckets are the in-memory ones. */
    private final ProxyManager<String> shared;
    private final Cache<String, Limited> buckets = Caffeine.newBuilder().expireAfterAccess(IDLE).build();

    public SendRates(HubProperties hub, DataSource dataSource) {
        this.defaultRate = hub.breaker().defaultRatePerSecond();
        this.shared = isPostgres(dataSource) ? Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING).table("rate_buckets").build() : null;
    }

    /** Takes one send from the connector's rate; false when its rate for now is spent. */
    public boolean tryTake(String tenantId, String channel, Map<String, String> settings) {
        int rate = rate(settings);
        String name = tenantId + '/' + channel;
        Limited limited = buckets.get(name, key -> new Limited(rate, bucket(name, rate)));
        if (limited.rate() != rate) {
            // what is left carries over: a changed rate grants no burst, on this instance as in the shared bucket
            limited.bucket().replaceConfiguration(configuration(rate), TokensInheritanceStrategy.AS_IS);
            buckets.put(name, limited = new Limited(rate, limited.bucket()));
        }
        return limited.bucket().tryConsume(1);
    }

    public boolean sharedAcrossInstances() {
        return shared != null;
    }

    private record Limited(int rate, Bucket bucket) {
    }

    private Bucket bucket(String name, int rate) {
        BucketConfiguration config = configuration(rate);
        if (shared == null) {
            return Bucket.builder().addLimit(config.getBandwidths()[0]).build();
        }
        // the rate is the configuration's version: an instance with the new rate replaces the stored one
        return shared.builder().withImplicitConfigurationReplacement(rate, TokensInheritanceStrategy.AS_IS)
                .withOptimization(Optimizations.delaying(new DelayParameters(unsynchronized(rate), SYNC_EVERY)))
                .build(name, () -> config);
    }

    /** Sends an instance may take from its copy of a shared bucket before it must tell the database: a 20th of the rate. */
    static long unsynchronized(int rate) {
        return Math.max(1, rate / 20);
    }

    private static BucketConfiguration configuration(int rate) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(rate).refillGreedy(rate, Duration.ofSeconds(1))).build();
    }

    private int rate(Map<String, String> settings) {
        try {
            String value = settings.get(RATE_SETTING);
            return value == null ? defaultRate : Math.max(1, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return defaultRate;
        }
    }

    private static boolean isPostgres(DataSource dataSource) {
        try {
            return "PostgreSQL".equals(JdbcUtils.extractDatabaseMetaData(dataSource,
                    DatabaseMetaData::getDatabaseProductName));
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("cannot tell which database the hub runs on", e);
        }
    }
}

package io.channelhub.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.channelhub.app.support.H2HubTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Singleton work across instances, on the hub's own database and schema: two {@link ClusterLocks} over one
 * database stand for two hub instances. One runs a job while the other skips it; a lock whose holder died (taken
 * and never released, as by a JVM killed mid-job) is handed over once its time is up, not before.
 */
class ClusterLocksTest extends H2HubTest {
    @Autowired
    DataSource dataSource;
    @Autowired
    Clock clock;
    @Autowired
    ThreadPoolTaskSchedulerBuilder schedulers;

    @Test
    void whileOneInstanceRunsAJobTheOtherSkipsItAndRunsItOnceItIsFree() throws Exception {
        ClusterLocks a = new ClusterLocks(dataSource, schedulers, clock);
        ClusterLocks b = new ClusterLocks(dataSource, schedulers, clock);
        String job = "test-job-" + UUID.randomUUID();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofVirtual().start(() -> a.runAlone(job, () -> {
            inside.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> release.await(100, TimeUnit.MILLISECONDS));
        }));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicInteger ranOnB = new AtomicInteger();

        assertThat(b.runAlone(job, ranOnB::incrementAndGet)).isFalse();
        assertThat(a.runAlone(job, ranOnB::incrementAndGet)).as("not even twice on one")
                .isFalse();
        assertThat(ranOnB).hasValue(0);

        release.countDown();
        holder.join(10_000);
        assertThat(b.runAlone(job, ranOnB::incrementAndGet)).isTrue();
        assertThat(ranOnB).hasValue(1);
    }

    @Test
    void aLockWhoseHolderDiedIsHandedOverOnceItsTimeIsUp() {
        String job = "test-job-" + UUID.randomUUID();
        Duration atMost = Duration.ofSeconds(2);
        Instant taken = Instant.now();
        // the dead instance: took the lock and never gave it back
        assertThat(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource)).withTableName("shedlock").usingDbTime().build())
                .lock(new LockConfiguration(taken, job, atMost, Duration.ZERO))).isPresent();
        ClusterLocks survivor = new ClusterLocks(dataSource, schedulers, clock);
        AtomicInteger ran = new AtomicInteger();

        assertThat(survivor.runAlone(job, ran::incrementAndGet)).isFalse();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> survivor.runAlone(job, ran::incrementAndGet));

        assertThat(ran).hasValue(1);
        assertThat(Duration.between(taken, Instant.now())).isGreaterThanOrEqualTo(atMost.minusMillis(100));
    }
}

package io.channelhub.app.cluster;

import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Work that one hub instance at a time may do — housekeeping, credential renewal, polling one tenant's mailbox —
 * runs under a named lock in the hub's database (ShedLock; table {@code shedlock}), so several instances on one
 * database never do it twice at once. The lock is taken for {@link #HANDOVER} and extended while the work runs
 * (ShedLock's keep-alive, every half of it), so a long run keeps it however long it takes, and an instance that
 * dies holding one hands it over within {@link #HANDOVER}. The database's clock decides, not the instances'.
 * Nothing is held after the work: each of these jobs does only what is due, so another instance's run right
 * after finds nothing.
 */
@Component
public class ClusterLocks {
    /** The longest a dead holder keeps a lock; ShedLock's keep-alive needs at least 30 s. */
    public static final Duration HANDOVER = Duration.ofSeconds(60);
    /** Who holds a lock, in {@code shedlock.locked_by}: {@code pid@host}, so ops can tell two instances on a host apart. */
    public static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();
    private final LockingTaskExecutor executor;
    private final ThreadPoolTaskScheduler keepAlive;
    private final Clock clock;

    public ClusterLocks(DataSource dataSource, ThreadPoolTaskSchedulerBuilder schedulers, Clock clock) {
        this.keepAlive = schedulers.poolSize(1).threadNamePrefix("cluster-locks-").build();
        this.keepAlive.initialize();
        this.executor = new DefaultLockingTaskExecutor(new KeepAliveLockProvider(new JdbcTemplateLockProvider(
                JdbcTemplateLockProvider.Configuration.builder().withJdbcTemplate(new JdbcTemplate(dataSource))
                        .withTableName("shedlock").usingDbTime().withLockedByValue(INSTANCE).build()),
                keepAlive.getScheduledExecutor()));
        this.clock = clock;
    }

    /** Runs {@code work} here if no instance holds {@code name}; answers whether it ran. */
    public boolean runAlone(String name, Runnable work) {
        try {
            return executor.executeWithLock(() -> {
                work.run();
                return Boolean.TRUE;
            }, new LockConfiguration(clock.instant(), name, HANDOVER, Duration.ZERO)).wasExecuted();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void stop() {
        keepAlive.shutdown();
    }
}

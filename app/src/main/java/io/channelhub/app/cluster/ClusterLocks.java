package io.channelhub.app.cluster;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Work that one hub instance at a time may do — housekeeping, credential renewal, polling one tenant's mailbox —
 * runs under a named lock in the hub's database (ShedLock; table {@code shedlock}), so several instances on one
 * database never do it twice at once. A lock is held while the work runs; an instance that dies holding one hands
 * it over once {@code atMostFor} has passed. The database's clock decides, not the instances'. Nothing is held
 * after the work: each of these jobs does only what is due, so another instance's run right after finds nothing.
 */
@Component
public class ClusterLocks {
    /** An hourly job (housekeeping, credential renewal): one that dies mid-run is taken over after this. */
    public static final Duration JOB_AT_MOST = Duration.ofMinutes(50);
    private final LockingTaskExecutor executor;
    private final Clock clock;

    public ClusterLocks(DataSource dataSource, Clock clock) {
        this.executor = new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(
                JdbcTemplateLockProvider.Configuration.builder().withJdbcTemplate(new JdbcTemplate(dataSource))
                        .withTableName("shedlock").usingDbTime().build()));
        this.clock = clock;
    }

    /** Runs {@code work} here if no instance holds {@code name}; answers whether it ran. */
    public boolean runAlone(String name, Duration atMostFor, Runnable work) {
        try {
            return executor.executeWithLock(() -> {
                work.run();
                return Boolean.TRUE;
            }, new LockConfiguration(clock.instant(), name, atMostFor, Duration.ZERO)).wasExecuted();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}

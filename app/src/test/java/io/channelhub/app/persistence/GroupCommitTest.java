package io.channelhub.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.awaitility.Awaitility.await;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

class GroupCommitTest {
    private JdbcDataSource dataSource;
    private JdbcTemplate jdbc;
    private CountingTransactionManager transactions;
    private TransactionTemplate transaction;
    private GroupCommit groupCommit;
    private final ExecutorService callers = Executors.newFixedThreadPool(32);

    @BeforeEach
    void database() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:group-commit-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("create table t (id int primary key, writer varchar(64))");
        transactions = new CountingTransactionManager(dataSource);
        transaction = new TransactionTemplate(transactions);
        groupCommit = new GroupCommit(transaction, 1, 64);
    }

    @AfterEach
    void stop() throws InterruptedException {
        callers.shutdownNow();
        groupCommit.stop();
    }

    /** Counts the commits and rollbacks that reach the database. */
    static final class CountingTransactionManager extends DataSourceTransactionManager {
        final AtomicInteger commits = new AtomicInteger();
        final AtomicInteger rollbacks = new AtomicInteger();

        CountingTransactionManager(JdbcDataSource dataSource) {
            super(dataSource);
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            super.doCommit(status);
            commits.incrementAndGet();
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            super.doRollback(status);
            rollbacks.incrementAndGet();
        }
    }

    /**
     * Occupies the single writer with a caller whose work waits for {@code release}, then queues {@code count}
     * callers behind it, so that the writer finds them all waiting when it is free. Each caller's work records
     * the transaction it ran in (the connection Spring bound for it); {@code work} is the caller's own work.
     */
    private List<Future<Integer>> callersQueuedBehindABusyWriter(int count, CountDownLatch release,
                                                                 Map<Integer, Object> ranIn, WorkOf work)
            throws Exception {
        CountDownLatch writerBusy = new CountDownLatch(1);
        callers.submit(() -> groupCommit.execute(() -> {
            writerBusy.countDown();
            awaitLatch(release);
            return insert(1000);
        }));
        awaitLatch(writerBusy);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int id = i;
            results.add(callers.submit(() -> groupCommit.execute(() -> {
                ranIn.put(id, TransactionSynchronizationManager.getResource(dataSource));
                return work.run(id);
            })));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> queued() == count);
        return results;
    }

    @FunctionalInterface
    interface WorkOf {
        Integer run(int id);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Callers waiting for the writer. GroupCommit does not tell; its queue is read here so the test can know. */
    private int queued() throws ReflectiveOperationException {
        Field queue = GroupCommit.class.getDeclaredField("queue");
        queue.setAccessible(true);
        return ((BlockingQueue<?>) queue.get(groupCommit)).size();
    }

    private Integer insert(int id) {
        jdbc.update("insert into t (id, writer) values (?, ?)", id, Thread.currentThread().getName());
        return id;
    }

    @Test
    void concurrentCallersShareCommitsAndOneFailingCallerUndoesOnlyItsOwnWork() throws Exception {
        jdbc.update("insert into t (id) values (13)");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int id = i;
            results.add(callers.submit(() -> {
                start.await();
                return groupCommit.execute(() -> {
                    insert(id);
                    return id;
                });
            }));
        }
        start.countDown();
        for (int i = 0; i < 200; i++) {
            if (i == 13) {
                int failing = i;
                assertThatThrownBy(() -> results.get(failing).get()).hasCauseInstanceOf(DuplicateKeyException.class);
            } else {
                assertThat(results.get(i).get()).isEqualTo(i);
            }
        }
        assertThat(jdbc.queryForObject("select count(*) from t", Integer.class)).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from t where writer = 'group-commit-1'", Integer.class))
                .isEqualTo(199);
    }

    @Test
    void callersThatQueuedTogetherShareOneTransactionAndOneCommit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Map<Integer, Object> ranIn = new ConcurrentHashMap<>();
        List<Future<Integer>> results = callersQueuedBehindABusyWriter(10, release, ranIn, this::insert);
        assertThat(transactions.commits).hasValue(0);

        release.countDown();
        for (int i = 0; i < 10; i++) {
            assertThat(results.get(i).get()).isEqualTo(i);
        }

        // The busy caller's commit, then ONE for the ten callers: all ten ran on one transaction's connection.
        assertThat(transactions.commits).hasValue(2);
        assertThat(transactions.rollbacks).hasValue(0);
        assertThat(ranIn).hasSize(10);
        assertThat(new HashSet<>(ranIn.values())).hasSize(1).doesNotContainNull();
        assertThat(jdbc.queryForObject("select count(*) from t", Integer.class)).isEqualTo(11);
    }

    @Test
    void aCallerFailingInASharedCommitLosesOnlyItsOwnWorkAndTheOthersStillShareOneCommit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Map<Integer, Object> ranIn = new ConcurrentHashMap<>();
        List<Future<Integer>> results = callersQueuedBehindABusyWriter(10, release, ranIn, id -> {
            insert(id);
            if (id == 4) {
                throw new IllegalStateException("caller 4 fails after writing");
            }
            return id;
        });

        release.countDown();
        for (int i = 0; i < 10; i++) {
            if (i == 4) {
                int failing = i;
                assertThatThrownBy(() -> results.get(failing).get())
                        .hasCauseExactlyInstanceOf(IllegalStateException.class)
                        .cause().hasMessage("caller 4 fails after writing");
            } else {
                assertThat(results.get(i).get()).isEqualTo(i);
            }
        }

        // The shared run failed and was rolled back once; the rerun (a savepoint per caller) committed once,
        // with caller 4's work undone and the nine others' kept.
        assertThat(transactions.rollbacks).hasValue(1);
        assertThat(transactions.commits).hasValue(2);
        Set<Object> othersRanIn = new HashSet<>();
        ranIn.forEach((id, tx) -> {
            if (id != 4) {
                othersRanIn.add(tx);
            }
        });
        assertThat(othersRanIn).hasSize(1);
        assertThat(jdbc.queryForList("select id from t where id < 1000 order by id", Integer.class))
                .containsExactly(0, 1, 2, 3, 5, 6, 7, 8, 9);
    }

    @Test
    void aCallerSeesItsResultOnlyOnceTheWorkIsCommitted() {
        Integer id = groupCommit.execute(() -> insert(1));
        // Read on another connection: committed, not merely written in the writer's open transaction.
        assertThat(jdbc.queryForObject("select count(*) from t where id = ?", Integer.class, id)).isEqualTo(1);
    }

    @Test
    void workInsideATransactionJoinsItOnTheCallersThread() {
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            groupCommit.execute(() -> insert(7));
            throw new IllegalStateException("the caller's transaction rolls back");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.queryForObject("select count(*) from t", Integer.class)).isZero();
    }

    @Test
    void aFailingCallerGetsItsOwnExceptionAndNothingOfItsWorkIsKept() {
        assertThatThrownBy(() -> groupCommit.execute(() -> {
            insert(5);
            throw new IllegalArgumentException("the caller's own failure");
        })).isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("the caller's own failure");
        assertThat(jdbc.queryForObject("select count(*) from t", Integer.class)).isZero();
        assertThat(groupCommit.execute(() -> insert(6))).isEqualTo(6);
    }
}

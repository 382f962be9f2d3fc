package io.channelhub.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class GroupCommitTest {
    private JdbcTemplate jdbc;
    private TransactionTemplate transaction;
    private GroupCommit groupCommit;

    @BeforeEach
    void database() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:group-commit-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("create table t (id int primary key, writer varchar(64))");
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        groupCommit = new GroupCommit(transaction, 1, 64);
    }

    @AfterEach
    void stop() throws InterruptedException {
        groupCommit.stop();
    }

    private Integer insert(int id) {
        jdbc.update("insert into t (id, writer) values (?, ?)", id, Thread.currentThread().getName());
        return id;
    }

    @Test
    void concurrentCallersShareCommitsAndOneFailingCallerUndoesOnlyItsOwnWork() throws Exception {
        jdbc.update("insert into t (id) values (13)");
        ExecutorService callers = Executors.newFixedThreadPool(32);
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
        callers.shutdown();
        assertThat(jdbc.queryForObject("select count(*) from t", Integer.class)).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from t where writer = 'group-commit-1'", Integer.class))
                .isEqualTo(199);
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

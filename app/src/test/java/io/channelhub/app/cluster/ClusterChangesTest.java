package io.channelhub.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.channelhub.app.support.H2HubTest;
import jakarta.jms.ConnectionFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Announcements of changed shared state over the hub's real broker: a second {@link ClusterChanges} on the same
 * broker stands for another instance. What one changes, the other forgets within a second; what a rolled-back
 * transaction changed is announced to nobody; an instance does not hear its own announcement back.
 */
class ClusterChangesTest extends H2HubTest {
    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    PlatformTransactionManager transactions;

    ClusterChanges a;
    ClusterChanges b;
    final List<String> forgottenOnA = new CopyOnWriteArrayList<>();
    final List<String> forgottenOnB = new CopyOnWriteArrayList<>();

    @BeforeEach
    void twoInstances() {
        a = new ClusterChanges(connectionFactory);
        b = new ClusterChanges(connectionFactory);
        a.onChange(SharedState.CONNECTOR, forgottenOnA::add);
        b.onChange(SharedState.CONNECTOR, forgottenOnB::add);
        a.subscribe();
        b.subscribe();
        // a subscription on a topic hears only what is sent after it is made
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            a.changed(SharedState.CONNECTOR, "warm-up");
            return forgottenOnB.contains("warm-up");
        });
        sleep(500); // the warm-ups still on their way
        forgottenOnA.clear();
        forgottenOnB.clear();
    }

    @AfterEach
    void stop() {
        a.unsubscribe();
        b.unsubscribe();
    }

    @Test
    void aChangeOnOneInstanceIsForgottenThereAtOnceAndOnTheOtherWithinASecond() {
        a.changed(SharedState.CONNECTOR, "dealer-a/sms");

        assertThat(forgottenOnA).containsExactly("dealer-a/sms");
        await().atMost(Duration.ofSeconds(1)).until(() -> forgottenOnB.contains("dealer-a/sms"));
        assertThat(forgottenOnB).containsExactly("dealer-a/sms");
        assertThat(forgottenOnA).as("its own announcement is not heard back").containsExactly("dealer-a/sms");
    }

    @Test
    void aChangeInsideATransactionIsAnnouncedAfterTheCommitAndNotAtAllAfterARollback() throws Exception {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(status -> {
            a.changed(SharedState.CONNECTOR, "rolled-back/sms");
            status.setRollbackOnly();
        });
        tx.executeWithoutResult(status -> {
            a.changed(SharedState.CONNECTOR, "committed/sms");
            sleep(300);
            assertThat(forgottenOnB).as("not before the commit").isEmpty();
        });

        await().atMost(Duration.ofSeconds(1)).until(() -> forgottenOnB.contains("committed/sms"));
        sleep(300);
        assertThat(forgottenOnB).containsExactly("committed/sms");
    }

    @Test
    void aStateNoCacheHoldsIsIgnoredAndASecondCacheOfOneStateIsAMistake() {
        a.changed(SharedState.FALLBACK_DEFAULTS, "dealer-a");
        try {
            b.onChange(SharedState.CONNECTOR, key -> { });
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessageContaining("CONNECTOR");
            return;
        }
        throw new AssertionError("a second cache of one state was accepted");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

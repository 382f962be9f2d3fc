package io.channelhub.app.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.app.HubProperties;
import io.channelhub.app.support.H2HubTest;
import io.channelhub.app.support.ReliabilityFigures;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A connector's send rate with two {@link SendRates} on one database standing for two instances, both taking as
 * fast as they can. On H2 (one instance by construction) each holds the rate on its own; the PostgreSQL subclass
 * shows the rate held by the two together.
 */
class SendRatesTest extends H2HubTest {
    static final int RATE = 10;
    static final long RUN_MILLIS = 1_500;

    @Autowired
    DataSource dataSource;
    @Autowired
    HubProperties hub;

    boolean shared() {
        return false;
    }

    @Test
    void twoInstancesTakingAtOnceGetTheRateBetweenThemWhenTheDatabaseIsShared() {
        SendRates a = new SendRates(hub, dataSource);
        SendRates b = new SendRates(hub, dataSource);
        assertThat(a.sharedAcrossInstances()).isEqualTo(shared());
        String tenant = "rates-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> settings = Map.of(SendRates.RATE_SETTING, String.valueOf(RATE));

        long started = System.nanoTime();
        CompletableFuture<Integer> onA = CompletableFuture.supplyAsync(() -> takeFor(a, tenant, settings));
        CompletableFuture<Integer> onB = CompletableFuture.supplyAsync(() -> takeFor(b, tenant, settings));
        int takenA = onA.join();
        int takenB = onB.join();
        double seconds = (System.nanoTime() - started) / 1e9;

        // a full bucket (one second's rate) and then the rate: for the cluster when shared (each instance may be
        // ahead of the database by its unsynchronized takes), for each one when not
        double perHolder = RATE + RATE * seconds;
        int holders = shared() ? 1 : 2;
        int unsynchronized = shared() ? 2 * (int) SendRates.unsynchronized(RATE) : 0;
        assertThat(takenA + takenB).as("taken by both in %.2f s", seconds)
                .isLessThanOrEqualTo((int) Math.ceil(perHolder * holders) + unsynchronized + 1)
                .isGreaterThanOrEqualTo((int) (RATE * (1 + RUN_MILLIS / 1000.0)) * holders - 2);
        if (shared()) {
            ReliabilityFigures.write("send-rate-cluster.txt", String.format("send-rate: two instances on one"
                    + " PostgreSQL at rateLimitPerSecond=%d took %d + %d = %d in %.2f s (one alone may take %.0f)",
                    RATE, takenA, takenB, takenA + takenB, seconds, perHolder));
        }
        assertThat(takenA).as("neither starves").isPositive();
        assertThat(takenB).isPositive();
    }

    @Test
    void aChangedRateHoldsFromTheNextTakeWithoutGrantingABurst() throws InterruptedException {
        SendRates rates = new SendRates(hub, dataSource);
        String tenant = "rates-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(drain(rates, tenant, Map.of(SendRates.RATE_SETTING, "3"))).isEqualTo(3);
        Map<String, String> faster = Map.of(SendRates.RATE_SETTING, "30");
        assertThat(drain(rates, tenant, faster)).as("nothing left to carry over").isZero();
        Thread.sleep(500);
        assertThat(drain(rates, tenant, faster)).as("half a second at 30/s").isBetween(12, 20);
    }

    private static int drain(SendRates rates, String tenant, Map<String, String> settings) {
        int taken = 0;
        while (rates.tryTake(tenant, "test", settings) && taken < 1_000) {
            taken++;
        }
        return taken;
    }

    private static int takeFor(SendRates rates, String tenant, Map<String, String> settings) {
        AtomicInteger taken = new AtomicInteger();
        long end = System.nanoTime() + RUN_MILLIS * 1_000_000;
        while (System.nanoTime() < end) {
            if (rates.tryTake(tenant, "test", settings)) {
                taken.incrementAndGet();
            } else {
                Thread.onSpinWait();
            }
        }
        return taken.get();
    }
}

package io.channelhub.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.app.HubProperties;
import io.channelhub.app.support.PostgresCondition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The start-up race itself, many times over on PostgreSQL: several instances' token bootstraps (each its own
 * store, sync and cache, sharing one schema as hubs do) run at the same moment, round after round on an
 * emptied table. The process test ({@code TokensAcrossInstancesIT}) starts two real hubs once; their
 * bootstraps rarely overlap to the millisecond, so the overlap is forced here.
 */
@ExtendWith({PostgresCondition.class, OutputCaptureExtension.class})
class FirstStartRaceTest {
    private static final int INSTANCES = 4;
    private static final int ROUNDS = 15;
    private static final Pattern PRINTED = Pattern.compile("ops token: (\\S+)");
    private DriverManagerDataSource database;
    private JdbcClient jdbc;

    @BeforeEach
    void emptySchema() {
        String schema = "hub_race_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        database = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema,
                System.getProperty("hub.test.postgres.user", "postgres"), "");
        Flyway.configure().dataSource(database).schemas(schema)
                .locations("classpath:db/migration", "classpath:db/migration-postgresql").load().migrate();
        jdbc = JdbcClient.create(database);
    }

    @Test
    void withNoTokensConfiguredExactlyOneInstanceGeneratesAndPrintsThePair(CapturedOutput output) throws Exception {
        int printedBefore = 0;
        for (int round = 0; round < ROUNDS; round++) {
            jdbc.sql("delete from api_tokens").update();
            startTogether(Map.of());
            assertThat(jdbc.sql("select name from api_tokens").query(String.class).list())
                    .containsExactlyInAnyOrder("generated-ops", "generated-platform");
            List<String> printed = printed(output.getAll());
            assertThat(printed).as("round " + round + ": printed once").hasSize(printedBefore + 1);
            String ops = printed.get(printed.size() - 1);
            assertThat(jdbc.sql("select token_hash from api_tokens where name = 'generated-ops'").query(String.class)
                    .single()).as("the printed value is the stored one").isEqualTo(TokenHashes.hash(ops));
            printedBefore = printed.size();
        }
        assertThat(output.getAll()).as("some rounds overlapped in the database")
                .contains("another hub instance generated the API tokens at the same moment");
    }

    @Test
    void withTokensConfiguredEveryInstanceStoresTheSameSet(CapturedOutput output) throws Exception {
        Map<String, String> configured = Map.of(
                "hub.security.tokens[0].name", "ops", "hub.security.tokens[0].role", "ops",
                "hub.security.tokens[0].token", "ops-race-value-0123456789",
                "hub.security.tokens[1].name", "scoped", "hub.security.tokens[1].role", "platform",
                "hub.security.tokens[1].tenant-id", "dealer-a",
                "hub.security.tokens[1].token", "scoped-race-value-0123456789");
        for (int round = 0; round < ROUNDS; round++) {
            jdbc.sql("delete from api_tokens").update();
            startTogether(configured);
            assertThat(jdbc.sql("select name || ' ' || role || ' ' || coalesce(tenant_id, '-') || ' ' || source "
                    + "from api_tokens").query(String.class).list())
                    .containsExactlyInAnyOrder("ops OPS - config", "scoped PLATFORM dealer-a config");
        }
        assertThat(printed(output.getAll())).isEmpty();
        assertThat(output.getAll()).doesNotContain("ops-race-value-0123456789")
                .doesNotContain(TokenHashes.hash("ops-race-value-0123456789"));
    }

    /** {@value #INSTANCES} bootstraps released by one barrier; fails if any of them failed. */
    private void startTogether(Map<String, String> properties) {
        CyclicBarrier barrier = new CyclicBarrier(INSTANCES);
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            TokenBootstrap bootstrap = instance(properties);
            runs.add(CompletableFuture.runAsync(() -> {
                try {
                    barrier.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                bootstrap.afterSingletonsInstantiated();
            }));
        }
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
    }

    /** One hub instance's token beans, wired as Spring wires them, over the shared database. */
    private TokenBootstrap instance(Map<String, String> properties) {
        HubProperties hub = new Binder(new MapConfigurationPropertySource(new HashMap<>(properties)))
                .bindOrCreate("hub", HubProperties.class);
        TokenStore store = new TokenStore(JdbcClient.create(database),
                new TransactionTemplate(new DataSourceTransactionManager(database)), Clock.systemUTC());
        return new TokenBootstrap(new ConfiguredTokenSync(store, hub), store, hub);
    }

    private static List<String> printed(String output) {
        List<String> values = new ArrayList<>();
        Matcher m = PRINTED.matcher(output);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }
}

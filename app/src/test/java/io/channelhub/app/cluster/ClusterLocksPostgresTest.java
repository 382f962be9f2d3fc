package io.channelhub.app.cluster;

import io.channelhub.app.support.PostgresCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Singleton work across instances on PostgreSQL (127.0.0.1:5432, database test, a fresh schema per run). */
@ExtendWith(PostgresCondition.class)
class ClusterLocksPostgresTest extends ClusterLocksTest {
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        postgres(registry);
    }
}

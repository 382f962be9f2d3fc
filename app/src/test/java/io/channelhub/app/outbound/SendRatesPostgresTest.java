package io.channelhub.app.outbound;

import io.channelhub.app.support.PostgresCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Send rates on PostgreSQL (127.0.0.1:5432, database test, a fresh schema per run): one bucket for the cluster. */
@ExtendWith(PostgresCondition.class)
class SendRatesPostgresTest extends SendRatesTest {
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        postgres(registry);
    }

    @Override
    boolean shared() {
        return true;
    }
}

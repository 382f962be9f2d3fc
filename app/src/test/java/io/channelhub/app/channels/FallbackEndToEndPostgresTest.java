package io.channelhub.app.channels;

import io.channelhub.app.support.PostgresCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Cross-channel fallback end to end on PostgreSQL (127.0.0.1:5432, database test, a fresh schema per run): the
 * claim that makes exactly one attempt is a conditional update, whose row locking differs from H2's.
 */
@ExtendWith(PostgresCondition.class)
class FallbackEndToEndPostgresTest extends FallbackEndToEndTest {
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        postgres(registry);
    }
}

package io.channelhub.app.channels;

import io.channelhub.app.support.PostgresCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Telegram connector end to end on PostgreSQL (127.0.0.1:5432, database test, a fresh schema per run). */
@ExtendWith(PostgresCondition.class)
class TelegramEndToEndPostgresTest extends TelegramEndToEndTest {
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        postgres(registry);
    }
}

package io.channelhub.app.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the PostgreSQL variants of the tests. {@code -Dhub.test.postgres=true} (CI) demands them;
 * {@code false} skips them; unset ({@code auto}), they run when PostgreSQL answers on 127.0.0.1:5432
 * and are skipped, saying so, when it does not.
 */
public class PostgresCondition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String mode = System.getProperty("hub.test.postgres", "auto");
        if ("true".equals(mode)) {
            return ConditionEvaluationResult.enabled("hub.test.postgres=true");
        }
        if ("false".equals(mode)) {
            return ConditionEvaluationResult.disabled("hub.test.postgres=false");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
            return ConditionEvaluationResult.enabled("PostgreSQL reachable on 127.0.0.1:5432");
        } catch (IOException e) {
            return ConditionEvaluationResult.disabled("no PostgreSQL on 127.0.0.1:5432: PostgreSQL tests skipped");
        }
    }
}

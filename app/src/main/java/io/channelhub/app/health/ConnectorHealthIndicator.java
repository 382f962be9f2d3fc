package io.channelhub.app.health;

import io.channelhub.app.persistence.ConnectorRepository;
import java.util.List;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Tenant connectors in {@code /actuator/health}: the ones whose credentials a provider refused. One
 * tenant's expired token is that tenant's problem, not the hub's, so the hub stays UP and names the
 * connectors; ops fix them through the admin API. Degraded connectors work but set items aside (a mail
 * the server would not give), which ops find in the dead letters.
 */
@Component("connectors")
class ConnectorHealthIndicator implements HealthIndicator {
    private final ConnectorRepository connectors;

    ConnectorHealthIndicator(ConnectorRepository connectors) {
        this.connectors = connectors;
    }

    @Override
    public Health health() {
        List<String> unhealthy = connectors.inHealth("unhealthy");
        List<String> degraded = connectors.inHealth("degraded");
        return Health.up().withDetail("unhealthy", unhealthy).withDetail("unhealthyCount", unhealthy.size())
                .withDetail("degraded", degraded).withDetail("degradedCount", degraded.size()).build();
    }
}

package io.channelhub.routes;

import io.channelhub.routes.port.Housekeeping;
import io.channelhub.routes.port.Renewals;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Runs the retention and erasure jobs, and the renewal of expiring credentials, on timers (hourly by default:
 * Instagram tokens are renewed daily, so an hour late is no risk).
 */
@Component
public class HousekeepingRoute extends RouteBuilder {
    private final Housekeeping housekeeping;
    private final Renewals renewals;

    public HousekeepingRoute(Housekeeping housekeeping, Renewals renewals) {
        this.housekeeping = housekeeping;
        this.renewals = renewals;
    }

    @Override
    public void configure() {
        from("timer:housekeeping?period={{hub.housekeeping.period:3600000}}&delay={{hub.housekeeping.delay:60000}}")
                .routeId("housekeeping")
                .process(e -> housekeeping.run());
        from("timer:credential-renewal?period={{hub.credentials.renewal-period:3600000}}"
                + "&delay={{hub.credentials.renewal-delay:30000}}")
                .routeId("credential-renewal")
                .process(e -> renewals.renewDue());
    }
}

package io.channelhub.routes;

import io.channelhub.routes.port.Housekeeping;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Runs the retention and erasure jobs on a timer (hourly by default). */
@Component
public class HousekeepingRoute extends RouteBuilder {
    private final Housekeeping housekeeping;

    public HousekeepingRoute(Housekeeping housekeeping) {
        this.housekeeping = housekeeping;
    }

    @Override
    public void configure() {
        from("timer:housekeeping?period={{hub.housekeeping.period:3600000}}&delay={{hub.housekeeping.delay:60000}}")
                .routeId("housekeeping")
                .process(e -> housekeeping.run());
    }
}

package io.channelhub.app.console;

import io.channelhub.app.broker.QueueDepths;
import io.channelhub.app.persistence.MessageRepository;
import io.channelhub.core.model.Direction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's start page, what needs ops' attention first: the broker's and the database's health (the
 * actuator's {@code jms} and {@code db} components), the depth of the hub's queues, messages in and out over the
 * last hour, and the connectors needing attention.
 */
@Controller
class OverviewController {
    private static final Duration RECENT = Duration.ofHours(1);
    private final ConnectorAttention attention;
    private final QueueDepths queues;
    private final MessageRepository messages;
    private final HealthEndpoint health;
    private final Clock clock;

    OverviewController(ConnectorAttention attention, QueueDepths queues, MessageRepository messages,
                       HealthEndpoint health, Clock clock) {
        this.attention = attention;
        this.queues = queues;
        this.messages = messages;
        this.health = health;
        this.clock = clock;
    }

    @GetMapping({"/console", "/console/"})
    String overview(Model model) {
        Map<String, String> components = new LinkedHashMap<>();
        components.put("broker", status("jms"));
        components.put("database", status("db"));
        Instant since = clock.instant().minus(RECENT);
        model.addAttribute("health", components);
        model.addAttribute("queues", queues.all());
        model.addAttribute("inboundLastHour", messages.countSince(Direction.INBOUND, since));
        model.addAttribute("outboundLastHour", messages.countSince(Direction.OUTBOUND, since));
        model.addAttribute("attention", attention.all());
        return "console/overview";
    }

    private String status(String component) {
        try {
            HealthComponent h = health.healthForPath(component);
            return h == null ? "unknown" : h.getStatus().getCode();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }
}

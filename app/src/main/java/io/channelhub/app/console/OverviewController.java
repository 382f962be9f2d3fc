package io.channelhub.app.console;

import io.channelhub.app.persistence.ConnectorRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's start page: what needs ops' attention first. */
@Controller
class OverviewController {
    private final ConnectorRepository connectors;

    OverviewController(ConnectorRepository connectors) {
        this.connectors = connectors;
    }

    @GetMapping({"/console", "/console/"})
    String overview(Model model) {
        model.addAttribute("unhealthy", connectors.inHealth("unhealthy"));
        model.addAttribute("degraded", connectors.inHealth("degraded"));
        return "console/overview";
    }
}

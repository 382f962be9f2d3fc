package io.channelhub.app.console;

import io.channelhub.app.outbound.FallbackDefaults;
import io.channelhub.app.outbound.SubmissionRejected;
import io.channelhub.core.model.FallbackAttempt;
import io.channelhub.core.model.FallbackCondition;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A tenant's default fallback chains in the console, through {@link FallbackDefaults} as the admin API: the form
 * sets a channel's chain to one further attempt (longer chains are set through the admin API and shown here), and
 * a refused chain comes back as the page's problem, storing nothing.
 */
@Controller
@RequestMapping("/console/tenants/{tenantId}/fallbacks")
class FallbackSettingsController {
    private final FallbackDefaults defaults;

    FallbackSettingsController(FallbackDefaults defaults) {
        this.defaults = defaults;
    }

    @PostMapping
    String set(@PathVariable String tenantId, @RequestParam String channel, @RequestParam String next,
               @RequestParam(name = "on", required = false) List<String> on,
               @RequestParam(required = false) String within, RedirectAttributes redirect) {
        try {
            Set<FallbackCondition> conditions = new LinkedHashSet<>();
            for (String name : on == null ? List.<String>of() : on) {
                conditions.add(FallbackCondition.of(name));
            }
            Duration wait = within == null || within.isBlank() ? null : Duration.parse(within.strip());
            defaults.put(tenantId, channel, List.of(new FallbackAttempt(next, null, null, conditions, wait)));
            redirect.addFlashAttribute("notice", "Default fallback saved: " + channel + " then " + next + ".");
        } catch (SubmissionRejected | IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", "Default fallback not saved: " + e.getMessage());
        } catch (DateTimeParseException e) {
            redirect.addFlashAttribute("problem", "Default fallback not saved: 'within' is an ISO-8601 duration,"
                    + " e.g. PT10M");
        }
        return "redirect:/console/tenants/" + tenantId + "#fallbacks";
    }

    @PostMapping("/{channel}/remove")
    String remove(@PathVariable String tenantId, @PathVariable String channel, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", defaults.delete(tenantId, channel)
                ? "Default fallback of " + channel + " removed." : "No default fallback of " + channel + ".");
        return "redirect:/console/tenants/" + tenantId + "#fallbacks";
    }
}

package io.channelhub.app.console;

import io.channelhub.app.outbound.FallbackDefaults;
import io.channelhub.app.persistence.Tenant;
import io.channelhub.app.persistence.UsageRepository;
import io.channelhub.app.registry.ConnectorCatalog;
import io.channelhub.app.registry.TenantAdmin;
import io.channelhub.app.usage.UsageMeter;
import io.channelhub.core.model.FallbackAttempt;
import io.channelhub.core.model.FallbackCondition;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The model of a tenant's page: the tenant, its usage (table and chart), one connector card per channel and its
 * default fallback chains.
 */
@Component
class TenantPage {
    static final String VIEW = "console/tenant";
    private final UsageRepository usage;
    private final UsageMeter usageMeter;
    private final ConnectorCards cards;
    private final FallbackDefaults fallbacks;
    private final ConnectorCatalog catalog;

    TenantPage(UsageRepository usage, UsageMeter usageMeter, ConnectorCards cards, FallbackDefaults fallbacks,
               ConnectorCatalog catalog) {
        this.usage = usage;
        this.usageMeter = usageMeter;
        this.cards = cards;
        this.fallbacks = fallbacks;
        this.catalog = catalog;
    }

    /** A default chain as the page lists it: the channel it follows, and its attempts in words. */
    record FallbackRow(String channel, String chain) {
    }

    String render(Model model, Tenant tenant, String failedChannel, Map<String, String> submitted, String error) {
        usageMeter.flush();
        model.addAttribute("tenant", tenant);
        model.addAttribute("graceDays", TenantAdmin.OFFBOARDING_GRACE.toDays());
        model.addAttribute("usage", UsageReport.of(usage.ofTenant(tenant.id())));
        model.addAttribute("cards", cards.of(tenant.id(), failedChannel, submitted, error));
        model.addAttribute("fallbacks", fallbacks.of(tenant.id()).entrySet().stream()
                .map(e -> new FallbackRow(e.getKey(), words(e.getValue()))).toList());
        model.addAttribute("channels", catalog.all().stream().map(c -> c.descriptor().id()).sorted().toList());
        model.addAttribute("conditions", Arrays.stream(FallbackCondition.values()).map(FallbackCondition::wireName)
                .toList());
        return VIEW;
    }

    private static String words(List<FallbackAttempt> chain) {
        return chain.stream().map(a -> "then " + a.channel() + " on " + a.on().stream().map(FallbackCondition::wireName)
                        .sorted().collect(Collectors.joining(", ")) + (a.within() == null ? "" : " (" + a.within() + ")"))
                .collect(Collectors.joining("; "));
    }
}

package io.channelhub.app.console;

import io.channelhub.app.persistence.Tenant;
import io.channelhub.app.persistence.UsageRepository;
import io.channelhub.app.registry.TenantAdmin;
import io.channelhub.app.usage.UsageMeter;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** The model of a tenant's page: the tenant, its usage (table and chart) and one connector card per channel. */
@Component
class TenantPage {
    static final String VIEW = "console/tenant";
    private final UsageRepository usage;
    private final UsageMeter usageMeter;
    private final ConnectorCards cards;

    TenantPage(UsageRepository usage, UsageMeter usageMeter, ConnectorCards cards) {
        this.usage = usage;
        this.usageMeter = usageMeter;
        this.cards = cards;
    }

    String render(Model model, Tenant tenant, String failedChannel, Map<String, String> submitted, String error) {
        usageMeter.flush();
        model.addAttribute("tenant", tenant);
        model.addAttribute("graceDays", TenantAdmin.OFFBOARDING_GRACE.toDays());
        model.addAttribute("usage", UsageReport.of(usage.ofTenant(tenant.id())));
        model.addAttribute("cards", cards.of(tenant.id(), failedChannel, submitted, error));
        return VIEW;
    }
}

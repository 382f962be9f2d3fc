package io.channelhub.app.console;

import io.channelhub.app.audit.AuditTrail;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit trail in the console: the latest changes ops made, of one tenant or all. */
@Controller
class AuditPagesController {
    /** One page: the API pages further back with {@code before}. */
    static final int PAGE = 200;
    private final AuditTrail audit;

    AuditPagesController(AuditTrail audit) {
        this.audit = audit;
    }

    @GetMapping("/console/audit")
    String audit(@RequestParam(required = false) String tenant, Model model) {
        String tenantId = tenant == null || tenant.isBlank() ? null : tenant.strip();
        model.addAttribute("tenant", tenantId);
        model.addAttribute("entries", audit.find(tenantId, null, null, null, PAGE));
        model.addAttribute("page", PAGE);
        return "console/audit";
    }
}

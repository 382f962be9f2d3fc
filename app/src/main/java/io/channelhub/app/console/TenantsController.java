package io.channelhub.app.console;

import io.channelhub.app.persistence.Tenant;
import io.channelhub.app.persistence.TenantRepository;
import io.channelhub.app.registry.TenantAdmin;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Tenants in the console: the list with search and connectors needing attention, create and edit (validated by
 * {@link TenantAdmin}, as the admin API is), offboarding behind a confirmation page, and each tenant's page.
 */
@Controller
@RequestMapping("/console/tenants")
class TenantsController {
    private final TenantRepository tenants;
    private final TenantAdmin admin;
    private final ConnectorAttention attention;
    private final TenantPage page;
    private final ConsoleTime time;

    TenantsController(TenantRepository tenants, TenantAdmin admin, ConnectorAttention attention, TenantPage page,
                      ConsoleTime time) {
        this.tenants = tenants;
        this.admin = admin;
        this.attention = attention;
        this.page = page;
        this.time = time;
    }

    /** What the tenant form holds; the text of the inputs, so a refused form comes back as typed. */
    record TenantForm(String id, String name, String retentionDays, String timezone, String quietHours) {
        static TenantForm of(Tenant t) {
            return new TenantForm(t.id(), t.name(), String.valueOf(t.retentionDays()), t.timezone(),
                    t.quietHours() == null ? "" : t.quietHours());
        }

        static TenantForm blank() {
            return new TenantForm("", "", String.valueOf(TenantAdmin.DEFAULT_RETENTION_DAYS), "UTC", "");
        }
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "") String q, Model model) {
        String query = q.strip().toLowerCase(Locale.ROOT);
        List<Tenant> found = tenants.all().stream().filter(t -> query.isEmpty()
                || t.id().toLowerCase(Locale.ROOT).contains(query)
                || t.name().toLowerCase(Locale.ROOT).contains(query)).toList();
        model.addAttribute("q", q);
        model.addAttribute("tenants", found);
        model.addAttribute("attention", attention.byTenant());
        return "console/tenants";
    }

    @GetMapping("/new")
    String newTenant(Model model) {
        return form(model, TenantForm.blank(), true, null);
    }

    @PostMapping
    String create(TenantForm form, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) {
        String id = form.id() == null ? "" : form.id().strip();
        if (tenants.find(id).isPresent()) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return form(model, form, true, "A tenant with the id " + id + " exists already: edit it instead.");
        }
        return save(id, form, true, model, redirect, response);
    }

    @GetMapping("/{tenantId}/edit")
    String edit(@PathVariable String tenantId, Model model) {
        return form(model, TenantForm.of(find(tenantId)), false, null);
    }

    @PostMapping("/{tenantId}")
    String update(@PathVariable String tenantId, TenantForm form, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) {
        find(tenantId);
        return save(tenantId, form, false, model, redirect, response);
    }

    private String save(String tenantId, TenantForm form, boolean creating, Model model, RedirectAttributes redirect,
                        HttpServletResponse response) {
        Integer retention;
        try {
            retention = blank(form.retentionDays()) ? null : Integer.valueOf(form.retentionDays().strip());
        } catch (NumberFormatException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(model, form, creating, "'retentionDays' must be a whole number of days");
        }
        try {
            TenantAdmin.Saved saved = admin.upsert(tenantId, form.name(), retention,
                    blank(form.timezone()) ? null : form.timezone().strip(),
                    blank(form.quietHours()) ? null : form.quietHours().strip());
            redirect.addFlashAttribute("notice", saved.created() ? "Tenant created." : "Tenant saved.");
            return "redirect:/console/tenants/" + saved.tenant().id();
        } catch (TenantAdmin.TenantRejected e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(model, form, creating, e.getMessage());
        }
    }

    private String form(Model model, TenantForm form, boolean creating, String error) {
        model.addAttribute("form", form);
        model.addAttribute("creating", creating);
        model.addAttribute("error", error);
        return "console/tenant-form";
    }

    @GetMapping("/{tenantId}")
    String show(@PathVariable String tenantId, Model model) {
        return page.render(model, find(tenantId), null, Map.of(), null);
    }

    @GetMapping("/{tenantId}/offboard")
    String confirmOffboarding(@PathVariable String tenantId, Model model) {
        Tenant tenant = find(tenantId);
        model.addAttribute("tenant", tenant);
        model.addAttribute("graceDays", TenantAdmin.OFFBOARDING_GRACE.toDays());
        model.addAttribute("eraseOn", time.day(admin.eraseAfterIfOffboardedNow()));
        return "console/tenant-offboard";
    }

    @PostMapping("/{tenantId}/offboard")
    String offboard(@PathVariable String tenantId, RedirectAttributes redirect) {
        Tenant tenant = admin.offboard(tenantId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "unknown tenant"));
        redirect.addFlashAttribute("notice", "Tenant offboarded: its connectors are disabled and its webhooks removed;"
                + " its data will be erased on " + time.day(tenant.eraseAfter()) + ".");
        return "redirect:/console/tenants/" + tenantId;
    }

    private Tenant find(String tenantId) {
        return tenants.find(tenantId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "unknown tenant"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

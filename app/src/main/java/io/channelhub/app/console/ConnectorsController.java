package io.channelhub.app.console;

import io.channelhub.app.persistence.Tenant;
import io.channelhub.app.persistence.TenantRepository;
import io.channelhub.app.registry.ConnectorAdmin;
import io.channelhub.app.registry.ConnectorAdmin.ConnectorRejected;
import io.channelhub.app.registry.ConnectorCatalog;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.ChannelDescriptor;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A tenant's connectors in the console, through {@link ConnectorAdmin} as the admin API: save (a refused save comes
 * back in its card with the reason and stores nothing), enable or disable, and "Test connection".
 * Form fields are {@code setting.<name>}, {@code secret.<name>} (empty keeps the stored secret) and
 * {@code clear.<name>} (removes it).
 */
@Controller
@RequestMapping("/console/tenants/{tenantId}/connectors/{channel}")
class ConnectorsController {
    private final TenantRepository tenants;
    private final ConnectorCatalog catalog;
    private final ConnectorAdmin admin;
    private final TenantPage page;

    ConnectorsController(TenantRepository tenants, ConnectorCatalog catalog, ConnectorAdmin admin, TenantPage page) {
        this.tenants = tenants;
        this.catalog = catalog;
        this.admin = admin;
        this.page = page;
    }

    @PostMapping
    String save(@PathVariable String tenantId, @PathVariable String channel,
                @RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes redirect,
                HttpServletResponse response) {
        Tenant tenant = tenant(tenantId);
        ChannelDescriptor d = channel(channel);
        List<String> settingNames = new ArrayList<>(d.settingKeys());
        ConnectorAdmin.HUB_SETTING_KEYS.stream().filter(k -> !settingNames.contains(k)).forEach(settingNames::add);
        Map<String, String> settings = new HashMap<>();
        Map<String, String> submitted = new HashMap<>();
        for (String name : settingNames) {
            String value = form.getFirst("setting." + name);
            if (value != null && !value.isBlank()) {
                settings.put(name, value.strip());
                submitted.put("setting." + name, value);
            }
        }
        Map<String, String> secrets = new HashMap<>();
        for (String name : d.secretKeys()) {
            String value = form.getFirst("secret." + name);
            if (form.containsKey("clear." + name)) {
                secrets.put(name, "");
            } else if (value != null && !value.isEmpty()) {
                secrets.put(name, value);
            }
        }
        try {
            admin.save(tenantId, channel, "true".equals(form.getFirst("enabled")), settings, secrets);
        } catch (ConnectorRejected e) {
            response.setStatus(e.status() == 409 ? HttpStatus.CONFLICT.value() : HttpStatus.BAD_REQUEST.value());
            return page.render(model, tenant, channel, submitted, e.getMessage());
        }
        redirect.addFlashAttribute("notice", d.displayName() + " saved.");
        return "redirect:/console/tenants/" + tenantId + "#connector-" + channel;
    }

    @PostMapping("/enabled")
    String setEnabled(@PathVariable String tenantId, @PathVariable String channel, @RequestParam boolean enabled,
                      RedirectAttributes redirect) {
        tenant(tenantId);
        ChannelDescriptor d = channel(channel);
        try {
            admin.setEnabled(tenantId, channel, enabled);
            redirect.addFlashAttribute("notice", d.displayName() + (enabled ? " enabled." : " disabled."));
        } catch (ConnectorRejected e) {
            redirect.addFlashAttribute("problem", d.displayName() + ": " + e.getMessage());
        }
        return "redirect:/console/tenants/" + tenantId + "#connector-" + channel;
    }

    @PostMapping("/check")
    String check(@PathVariable String tenantId, @PathVariable String channel, RedirectAttributes redirect) {
        tenant(tenantId);
        ChannelDescriptor d = channel(channel);
        try {
            ConnectorAdmin.ConnectorView view = admin.recheck(tenantId, channel);
            redirect.addFlashAttribute("notice", d.displayName() + " checked: " + view.health()
                    + (view.healthDetail() == null ? "" : " (" + view.healthDetail() + ")"));
        } catch (ConnectorRejected e) {
            redirect.addFlashAttribute("problem", d.displayName() + ": " + e.getMessage());
        }
        return "redirect:/console/tenants/" + tenantId + "#connector-" + channel;
    }

    private Tenant tenant(String tenantId) {
        return tenants.find(tenantId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "unknown tenant"));
    }

    private ChannelDescriptor channel(String channel) {
        return catalog.find(channel).map(ChannelConnector::descriptor).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "unknown channel"));
    }
}

package io.channelhub.app.inbound;

import io.channelhub.app.registry.ResolvedConnector;
import io.channelhub.app.registry.TenantConnectors;
import io.channelhub.core.spi.ParentAccount;
import io.channelhub.routes.port.WebhookRejectedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Who a platform-wide webhook is for, from the provider accounts its payload names: the tenant whose
 * connector has a routing account (phone number id), and for events that name none, every tenant whose
 * connector has their parent account (WhatsApp Business Account). Only when nothing can be attributed
 * does the caller's answer differ: unknown routing accounts alone are 404, the contract's unknown tenant
 * (the provider redelivers once a tenant has the account); unknown parent accounts alone are left to
 * the signature check of every enabled connector, as their events carry no consumer message.
 */
@Component
class PlatformWideAttribution {
    private final TenantConnectors connectors;

    PlatformWideAttribution(TenantConnectors connectors) {
        this.connectors = connectors;
    }

    /** Where a platform-wide payload goes: a tenant's connector, for a routing or a parent account. */
    record Target(String account, boolean parent, ResolvedConnector connector) {
    }

    /**
     * @param targets      the connectors to queue the payload for
     * @param unattributed the accounts no tenant has
     * @param enabled      the channel's enabled connectors, looked up when the payload names parent accounts
     * @param marked       whether each copy must be marked with its account (the payload names several)
     */
    record Attribution(List<Target> targets, List<String> unattributed, List<ResolvedConnector> enabled,
                       boolean marked) {
    }

    Attribution attribute(String channel, Set<String> accounts, Set<ParentAccount> parents) {
        if (accounts.isEmpty() && parents.isEmpty()) {
            throw new WebhookRejectedException(400, "Bad Request", "the payload names no provider account");
        }
        List<Target> targets = new ArrayList<>();
        List<String> unattributed = new ArrayList<>();
        for (String account : accounts) {
            ofAccount(channel, account).ifPresentOrElse(r -> targets.add(new Target(account, false, r)),
                    () -> unattributed.add(account));
        }
        if (targets.isEmpty() && !unattributed.isEmpty()) {
            throw noTenant();
        }
        List<ResolvedConnector> enabled = parents.isEmpty() ? List.of() : connectors.enabledOf(channel);
        for (ParentAccount parent : parents) {
            List<ResolvedConnector> holders = enabled.stream()
                    .filter(r -> r.config().setting(parent.setting()).filter(parent.id()::equals).isPresent()).toList();
            holders.forEach(r -> targets.add(new Target(parent.id(), true, r)));
            if (holders.isEmpty()) {
                unattributed.add(parent.id());
            }
        }
        if (targets.isEmpty() && enabled.isEmpty()) {
            throw noTenant();
        }
        return new Attribution(targets, unattributed, enabled, accounts.size() + parents.size() > 1);
    }

    private static WebhookRejectedException noTenant() {
        return new WebhookRejectedException(404, "Not Found", "no tenant has this provider account");
    }

    /** At most one: an account belongs to one tenant (a unique index; saving it for a second tenant is a 409). */
    private Optional<ResolvedConnector> ofAccount(String channel, String account) {
        return connectors.byAccount(channel, account).stream().findFirst();
    }
}

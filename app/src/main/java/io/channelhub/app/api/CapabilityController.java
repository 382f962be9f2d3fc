package io.channelhub.app.api;

import io.channelhub.app.outbound.ContactReach;
import io.channelhub.app.registry.ResolvedConnector;
import io.channelhub.app.registry.TenantConnectors;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.CapabilityLookup.ContactCapabilities;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** What a contact's device or account can receive on a channel (CONTRACT §7), for the core platform. */
@RestController
@Tag(name = "platform", description = "For the core platform; bearer token with role platform")
class CapabilityController {
    private final TenantConnectors connectors;
    private final ContactReach reach;

    CapabilityController(TenantConnectors connectors, ContactReach reach) {
        this.connectors = connectors;
        this.reach = reach;
    }

    record Capabilities(String channel, String address, boolean reachable, List<String> features) {
    }

    @Operation(summary = "What a contact can receive on a channel; reachable false when it cannot be reached there")
    @GetMapping("/api/v1/tenants/{tenantId}/channels/{channel}/capabilities/{address}")
    Capabilities capabilities(@PathVariable String tenantId, @PathVariable String channel,
                              @PathVariable String address) {
        ResolvedConnector connector = connectors.resolve(tenantId, channel).filter(ResolvedConnector::enabled)
                .orElseThrow(() -> ApiProblem.notFound("no enabled " + channel + " connector for this tenant"));
        ContactCapabilities answer;
        try {
            answer = reach.of(connector, address).orElseThrow(() -> new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY,
                    "channel " + channel + " cannot tell what a contact can receive"));
        } catch (TransientChannelException e) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "the provider could not be asked; try again");
        } catch (PermanentChannelException e) {
            throw new ApiProblem(ReasonCodes.INVALID_ADDRESS.equals(e.reasonCode()) ? HttpStatus.BAD_REQUEST
                    : HttpStatus.BAD_GATEWAY, "the provider refused the lookup (" + e.reasonCode() + ")");
        }
        return new Capabilities(channel, address, answer.reachable(), answer.features());
    }
}

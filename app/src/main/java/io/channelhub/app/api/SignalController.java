package io.channelhub.app.api;

import io.channelhub.app.persistence.ContactRepository;
import io.channelhub.app.registry.ResolvedConnector;
import io.channelhub.app.registry.TenantConnectors;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.spi.ConversationSignals;
import io.channelhub.core.spi.ConversationSignals.Signal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Typing and mark-seen for the core platform (while an agent writes, once a message was read), where the channel
 * carries them. Sent at once and answered with the provider's outcome: a signal is ephemeral, so it is never
 * queued or retried, and a failure is the caller's to ignore.
 */
@RestController
@Tag(name = "platform", description = "For the core platform; bearer token with role platform")
class SignalController {
    private final TenantConnectors connectors;
    private final ContactRepository contacts;

    SignalController(TenantConnectors connectors, ContactRepository contacts) {
        this.connectors = connectors;
        this.contacts = contacts;
    }

    record SignalRequest(String signal) {
    }

    @Operation(summary = "Show a contact that the business is typing (typing_on, typing_off) or has seen their "
            + "messages (mark_seen); 204 once the provider took it, 422 where the channel has no such signal")
    @PostMapping("/api/v1/tenants/{tenantId}/channels/{channel}/contacts/{address}/signals")
    ResponseEntity<Void> signal(@PathVariable String tenantId, @PathVariable String channel,
                                @PathVariable String address, @RequestBody SignalRequest request) {
        Signal signal = parse(request == null ? null : request.signal());
        ResolvedConnector connector = connectors.resolve(tenantId, channel).filter(ResolvedConnector::enabled)
                .orElseThrow(() -> ApiProblem.notFound("no enabled " + channel + " connector for this tenant"));
        ConversationSignals signals = connector.connector().signals().filter(s -> s.supported().contains(signal))
                .orElseThrow(() -> new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY,
                        "channel " + channel + " has no signal " + signal.wireName()));
        if (contacts.find(tenantId, channel, address).filter(ContactRepository.Contact::optedOut).isPresent()) {
            throw new ApiProblem(HttpStatus.CONFLICT, "the contact opted out on " + channel);
        }
        try {
            signals.send(signal, address, connector.config());
        } catch (TransientChannelException e) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "the provider could not be reached; the signal "
                    + "was not shown");
        } catch (PermanentChannelException e) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "the provider refused the signal ("
                    + e.reasonCode() + ")");
        }
        return ResponseEntity.noContent().build();
    }

    private static Signal parse(String value) {
        if (value != null) {
            for (Signal s : Signal.values()) {
                if (s.wireName().equals(value.toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
        }
        throw ApiProblem.badRequest("signal must be one of " + Arrays.stream(Signal.values())
                .map(Signal::wireName).toList());
    }
}

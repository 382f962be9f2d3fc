package io.channelhub.app.api;

import io.channelhub.app.consent.ConsentStore;
import io.channelhub.app.consent.UnsubscribeLinks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The one-click unsubscribe endpoint of marketing email (RFC 8058): a POST unsubscribes at once (mail
 * clients send {@code List-Unsubscribe=One-Click}); a GET only shows a confirmation form, because link
 * scanners follow GETs.
 */
@RestController
@Tag(name = "unsubscribe", description = "Signed one-click unsubscribe links of marketing messages")
class UnsubscribeController {
    private final UnsubscribeLinks links;
    private final ConsentStore consent;

    UnsubscribeController(UnsubscribeLinks links, ConsentStore consent) {
        this.links = links;
        this.consent = consent;
    }

    @Operation(summary = "Unsubscribe (one-click)")
    @PostMapping(path = "/unsubscribe/{token}", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> unsubscribe(@PathVariable String token) {
        UnsubscribeLinks.Target target = links.verify(token)
                .orElseThrow(() -> ApiProblem.notFound("this unsubscribe link is not valid"));
        consent.optOut(target.tenantId(), target.channel(), target.address(), ConsentStore.Source.UNSUBSCRIBE_LINK,
                "one-click unsubscribe link");
        return ResponseEntity.ok("You are unsubscribed.");
    }

    @Operation(summary = "Confirmation page of an unsubscribe link")
    @GetMapping(path = "/unsubscribe/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> confirm(@PathVariable String token) {
        links.verify(token).orElseThrow(() -> ApiProblem.notFound("this unsubscribe link is not valid"));
        String action = "/unsubscribe/" + HtmlUtils.htmlEscape(token);
        return ResponseEntity.ok("<!doctype html><title>Unsubscribe</title><form method=\"post\" action=\"" + action
                + "\"><button type=\"submit\">Unsubscribe</button></form>");
    }
}

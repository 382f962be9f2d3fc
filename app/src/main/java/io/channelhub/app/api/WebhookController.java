package io.channelhub.app.api;

import io.channelhub.app.HubProperties;
import io.channelhub.app.web.RequestBodyLimitFilter;
import io.channelhub.core.spi.WebhookReply;
import io.channelhub.core.spi.WebhookRequest;
import io.channelhub.routes.WebhookIntakeFlow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The thin HTTP edge of webhook intake: collects the raw request as the provider sent it and hands it to
 * the intake flow, which answers only once the payload is durably queued.
 */
@RestController
@Tag(name = "webhooks", description = "Provider webhooks, authenticated by the provider's signature")
class WebhookController {
    private final WebhookIntakeFlow intake;
    private final HubProperties hub;

    WebhookController(WebhookIntakeFlow intake, HubProperties hub) {
        this.intake = intake;
        this.hub = hub;
    }

    @Operation(summary = "Webhook of a tenant's connector (handshake on GET, events on POST)")
    @RequestMapping(path = "/webhooks/{channel}/{tenantId}", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<String> tenantWebhook(@PathVariable String channel, @PathVariable String tenantId,
                                         HttpServletRequest request) {
        return handle(channel, tenantId, request);
    }

    @Operation(summary = "Platform-wide webhook; the tenant is found from the provider account in the payload")
    @RequestMapping(path = "/webhooks/{channel}", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<String> platformWebhook(@PathVariable String channel, HttpServletRequest request) {
        return handle(channel, null, request);
    }

    private ResponseEntity<String> handle(String channel, String tenantId, HttpServletRequest request) {
        byte[] body = (byte[]) request.getAttribute(RequestBodyLimitFilter.RAW_BODY);
        WebhookRequest webhook = new WebhookRequest(request.getMethod(), calledUrl(request),
                query(request.getQueryString()), headers(request), body);
        WebhookReply reply = intake.accept(channel, tenantId, webhook);
        return ResponseEntity.status(reply.status()).contentType(MediaType.parseMediaType(reply.contentType()))
                .body(reply.body());
    }

    /** The URL the provider called: the public base URL behind a proxy, else the request's own. */
    private String calledUrl(HttpServletRequest request) {
        String path = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String base = hub.publicBaseUrl().replaceAll("/+$", "");
        if (!base.isEmpty()) {
            return base + path;
        }
        String url = request.getRequestURL().toString();
        return request.getQueryString() == null ? url : url + "?" + request.getQueryString();
    }

    /** Parsed from the raw query string: asking the servlet for parameters would consume a form body. */
    private static Map<String, List<String>> query(String queryString) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return query;
        }
        for (String pair : queryString.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException ignored) {
                // a malformed escape: the parameter is not one the hub could use
            }
        }
        return query;
    }

    private static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, request.getHeader(name));
        }
        return headers;
    }
}

package io.channelhub.app.api;

import io.channelhub.app.HubProperties;
import io.channelhub.app.web.Problems;
import io.channelhub.app.web.RequestBodies;
import io.channelhub.core.spi.WebhookReply;
import io.channelhub.core.spi.WebhookRequest;
import io.channelhub.routes.WebhookIntakeFlow;
import io.channelhub.routes.port.WebhookRejectedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * The HTTP edge of webhook intake: {@code GET|POST /webhooks/{channel}[/{tenantId}]}. It reads the raw body
 * (at most {@code hub.max-webhook-body}), hands the request to the intake flow, which answers only once the
 * payload is durably queued, and writes that answer.
 *
 * <p>Why a filter ahead of all others rather than a controller: a webhook is the hub's hottest request, and
 * before, 60 % of its CPU went to the stack around a two-call controller — the observation filter, Spring
 * Security's filter chain (which only guards the console), the form, encoding and request-context filters, the
 * handler mapping and message conversion (BENCHMARKS.md, issue 17: ≈ 550 µs per webhook, ≈ 125 µs of it the
 * journal and Tomcat). Nothing of that applies to a provider's POST: it is authenticated by its signature and
 * answered with a status and a short text. Requests this edge does not take (another method, a path with
 * encoded or empty segments) go down the ordinary chain and get its 4xx.
 */
public class WebhookEndpoint implements Filter {
    /** Unreserved characters only: what a channel name or tenant id is (TenantAdmin); anything else falls through. */
    private static final Pattern PATH = Pattern.compile("/webhooks/([A-Za-z0-9._~-]+)(?:/([A-Za-z0-9._~-]+))?");
    private static final String TIMER = "hub.webhook.requests";
    private final WebhookIntakeFlow intake;
    private final long maxBody;
    private final String publicBaseUrl;
    private final MeterRegistry meters;

    public WebhookEndpoint(WebhookIntakeFlow intake, HubProperties hub, MeterRegistry meters) {
        this.intake = intake;
        this.maxBody = hub.maxWebhookBody().toBytes();
        this.publicBaseUrl = hub.publicBaseUrl().replaceAll("/+$", "");
        this.meters = meters;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String method = request.getMethod();
        Matcher path = PATH.matcher(request.getRequestURI());
        if (!("POST".equals(method) || "GET".equals(method)) || !path.matches()) {
            chain.doFilter(req, res);
            return;
        }
        long start = System.nanoTime();
        String channel = path.group(1);
        int status = answer(channel, path.group(2), request, response);
        Timer.builder(TIMER).tag("channel", channel).tag("status", Integer.toString(status))
                .register(meters).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private int answer(String channel, String tenantId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        byte[] body = RequestBodies.readAtMost(request, maxBody);
        if (body == null) {
            return RequestBodies.writeTooLarge(response, maxBody);
        }
        try {
            WebhookReply reply = intake.accept(channel, tenantId, new WebhookRequest(request.getMethod(),
                    calledUrl(request), query(request.getQueryString()), headers(request), body));
            write(response, reply);
            return reply.status();
        } catch (WebhookRejectedException e) {
            return Problems.write(response, HttpStatus.valueOf(e.status()), e.title(), e.getMessage());
        } catch (RuntimeException e) {
            if (Problems.meansUnavailable(e)) {
                return Problems.writeUnavailable(response, e);
            }
            throw e;
        }
    }

    private static void write(HttpServletResponse response, WebhookReply reply) throws IOException {
        response.setStatus(reply.status());
        String type = reply.contentType();
        response.setContentType(type.contains("charset=") ? type : type + ";charset=UTF-8");
        byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The URL the provider called: the public base URL behind a proxy, else the request's own. */
    private String calledUrl(HttpServletRequest request) {
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        return (publicBaseUrl.isEmpty() ? request.getRequestURL().toString()
                : publicBaseUrl + request.getRequestURI()) + query;
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
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            headers.put(name, request.getHeader(name));
        }
        return headers;
    }
}

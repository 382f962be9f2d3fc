package io.channelhub.app.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's firewall for the console's paths only. Its filter sits in front of every request, and its
 * strict firewall would answer the APIs' and webhooks' odd URLs ({@code //webhooks//x}) with its own 400 where
 * the contract says 404; those paths pass untouched, as they did before the console, to their own checks.
 */
final class ConsoleOnlyFirewall implements HttpFirewall {
    private final StrictHttpFirewall strict = new StrictHttpFirewall();

    @Override
    public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
        if (isConsole(request)) {
            return strict.getFirewalledRequest(request);
        }
        return new FirewalledRequest(request) {
            @Override
            public void reset() {
                // nothing was changed
            }
        };
    }

    @Override
    public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
        return strict.getFirewalledResponse(response);
    }

    private static boolean isConsole(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri != null && (uri.equals("/console") || uri.startsWith("/console/"));
    }
}

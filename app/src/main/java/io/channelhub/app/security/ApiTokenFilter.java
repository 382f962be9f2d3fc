package io.channelhub.app.security;

import io.channelhub.app.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bearer tokens for the platform API ({@code /api/**}, role platform, optionally scoped to one tenant), the ops
 * API ({@code /admin/**}, role ops) and the actuator ({@code /actuator/**}, role ops or monitoring). Health's
 * status and the liveness and readiness probes answer without a token, status only: the details (which tenant's
 * connector is failing) are shown to a token that may see them, which the request then carries as its principal
 * for the health endpoint's {@code show-details: when-authorized}. Webhooks are authenticated by provider
 * signatures. Written by hand rather than with Spring Security: three roles and a tenant scope are the whole
 * policy, and a filter keeps every request one cache lookup.
 */
@Component
public class ApiTokenFilter extends OncePerRequestFilter {
    /** The request attribute holding the authenticated {@link Caller} (a constant, for {@code @RequestAttribute}). */
    public static final String CALLER = "io.channelhub.app.security.ApiTokenFilter.caller";
    private static final Pattern TENANT_PATH = Pattern.compile("^/api/v1/tenants/([^/]+)(/.*)?$");
    /** What load balancers and orchestrators ask, without a token: the status alone. */
    private static final Set<String> OPEN_PROBES = Set.of("/actuator/health", "/actuator/health/liveness",
            "/actuator/health/readiness");
    private final ApiTokens tokens;

    public ApiTokenFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !(path.startsWith("/api/") || path.startsWith("/admin/") || path.equals("/actuator")
                || path.startsWith("/actuator/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String path = request.getRequestURI();
        if (header == null && OPEN_PROBES.contains(path)) {
            chain.doFilter(request, response);
            return;
        }
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            response.setHeader("WWW-Authenticate", "Bearer");
            Problems.write(response, HttpStatus.UNAUTHORIZED, "Unauthorized", "a bearer token is required");
            return;
        }
        Caller caller;
        try {
            caller = tokens.authenticate(header.substring(7).trim()).orElse(null);
        } catch (DataAccessException e) {
            // tokens live in the shared database: without it nobody can be authenticated, but the caller may retry
            response.setHeader("Retry-After", "1");
            Problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
                    "the hub cannot check tokens right now; retry later");
            return;
        }
        if (caller == null) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            Problems.write(response, HttpStatus.UNAUTHORIZED, "Unauthorized", "the bearer token is not valid");
            return;
        }
        if (path.startsWith("/api/") || path.startsWith("/admin/")) {
            Role needed = path.startsWith("/admin/") ? Role.OPS : Role.PLATFORM;
            if (caller.role() != needed) {
                Problems.write(response, HttpStatus.FORBIDDEN, "Forbidden",
                        "this endpoint needs a token with role " + needed.id());
                return;
            }
        } else if (!caller.role().monitors()) {
            Problems.write(response, HttpStatus.FORBIDDEN, "Forbidden",
                    "this endpoint needs a token with role ops or monitoring");
            return;
        }
        Matcher m = TENANT_PATH.matcher(path);
        if (m.matches() && !caller.mayActFor(m.group(1))) {
            Problems.write(response, HttpStatus.FORBIDDEN, "Forbidden", "this token is scoped to another tenant");
            return;
        }
        request.setAttribute(CALLER, caller);
        chain.doFilter(new AuthenticatedRequest(request, caller), response);
    }

    /** The caller as the servlet API's principal and role, which the actuator's health endpoint asks. */
    private static final class AuthenticatedRequest extends HttpServletRequestWrapper {
        private final Caller caller;

        AuthenticatedRequest(HttpServletRequest request, Caller caller) {
            super(request);
            this.caller = caller;
        }

        @Override
        public Principal getUserPrincipal() {
            return caller::tokenName;
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.role().name().equalsIgnoreCase(role);
        }
    }
}

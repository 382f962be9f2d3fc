package io.channelhub.app.console;

import io.channelhub.app.security.ApiTokens;
import io.channelhub.app.security.Role;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A console session lasts only as long as the ops token it was opened with: every page asks again (through the
 * token cache, so a revocation holds within {@code hub.security.token-cache-ttl}), and a token revoked, expired
 * or rotated away ends the session at the next click. The session keeps the token's SHA-256 hash, never the
 * token.
 */
final class SignedInToken extends OncePerRequestFilter {
    private final ApiTokens tokens;

    SignedInToken(ApiTokens tokens) {
        this.tokens = tokens;
    }

    /** What the session's authentication carries as details. */
    record Hash(String value) {
        @Override
        public String toString() {
            return "Hash[***]";
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn != null && signedIn.getDetails() instanceof Hash hash
                && tokens.authenticateHash(hash.value()).filter(c -> c.role() == Role.OPS).isEmpty()) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
        }
        chain.doFilter(request, response);
    }
}

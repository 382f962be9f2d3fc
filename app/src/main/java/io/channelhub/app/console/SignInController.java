package io.channelhub.app.console;

import io.channelhub.app.security.ApiTokens;
import io.channelhub.app.security.Caller;
import io.channelhub.app.security.Role;
import io.channelhub.app.security.TokenHashes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sign-in to the console with an ops token, the same tokens the admin API takes: checked once, then the session
 * (a new id, against fixation) carries the token's name and its hash, and ends when the token is revoked
 * ({@link SignedInToken}). A platform token is refused: the console is ops' tool. The token itself is never
 * stored in the session, echoed into the page or logged.
 */
@Controller
class SignInController {
    private static final Logger LOG = LoggerFactory.getLogger(SignInController.class);
    private final ApiTokens tokens;
    private final SecurityContextRepository contexts;

    SignInController(ApiTokens tokens, SecurityContextRepository contexts) {
        this.tokens = tokens;
        this.contexts = contexts;
    }

    @GetMapping("/console/sign-in")
    String form() {
        return "console/sign-in";
    }

    @PostMapping("/console/sign-in")
    String signIn(@RequestParam(defaultValue = "") String token, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        Optional<Caller> caller;
        try {
            caller = token.isBlank() ? Optional.empty() : tokens.authenticate(token.strip());
        } catch (DataAccessException e) {
            model.addAttribute("error", "The hub cannot check tokens right now (its database is unreachable). "
                    + "Try again in a moment.");
            return "console/sign-in";
        }
        if (caller.isEmpty() || caller.get().role() != Role.OPS) {
            LOG.info("Console sign-in refused: {}", caller.isEmpty() ? "unknown token" : "not an ops token ("
                    + caller.get().tokenName() + ")");
            model.addAttribute("error", caller.isEmpty() ? "That token is not valid."
                    : "That is a platform token; the console needs an ops token.");
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return "console/sign-in";
        }
        request.getSession(true);
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken.authenticated(
                caller.get().tokenName(), null, List.of(new SimpleGrantedAuthority("ROLE_" + ConsoleSecurity.ROLE)));
        authentication.setDetails(new SignedInToken.Hash(TokenHashes.hash(token.strip())));
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        LOG.info("Console sign-in with ops token {}", caller.get().tokenName());
        return "redirect:/console";
    }
}

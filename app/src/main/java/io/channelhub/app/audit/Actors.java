package io.channelhub.app.audit;

import io.channelhub.app.security.ApiTokenFilter;
import io.channelhub.app.security.Caller;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/** Who is acting: the API token of the request, the ops token a console session was opened with, or the hub. */
public final class Actors {
    /** The hub's own work: configured tokens synchronised at start, jobs. */
    static final String HUB = "hub";

    private Actors() {
    }

    public static String current() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(ApiTokenFilter.CALLER, RequestAttributes.SCOPE_REQUEST)
                instanceof Caller caller) {
            return caller.tokenName();
        }
        Authentication console = SecurityContextHolder.getContext().getAuthentication();
        if (console != null && console.isAuthenticated() && !(console instanceof AnonymousAuthenticationToken)) {
            return "console:" + console.getName();
        }
        return HUB;
    }
}

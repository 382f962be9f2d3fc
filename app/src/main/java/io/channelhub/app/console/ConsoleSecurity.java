package io.channelhub.app.console;

import io.channelhub.app.security.ApiTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * The ops console's web security, with Spring Security and for {@code /console/**} only: a session cookie after
 * sign-in with an ops token (HttpOnly, SameSite=Strict, Secure over HTTPS: {@code server.servlet.session.cookie}),
 * CSRF tokens on every form, sign-out, and a Content-Security-Policy that lets no inline script run. The APIs keep
 * their bearer tokens ({@link io.channelhub.app.security.ApiTokenFilter}): no chain matches them.
 */
@Configuration
class ConsoleSecurity {
    static final String ROLE = "OPS";
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    @Bean
    WebSecurityCustomizer consoleOnlyFirewall() {
        return web -> web.httpFirewall(new ConsoleOnlyFirewall());
    }

    @Bean
    SecurityContextRepository consoleSecurityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    SecurityFilterChain consoleChain(HttpSecurity http, SecurityContextRepository contexts, ApiTokens tokens)
            throws Exception {
        return http.securityMatcher("/console", "/console/**")
                .addFilterBefore(new SignedInToken(tokens), AuthorizationFilter.class)
                .authorizeHttpRequests(a -> a.requestMatchers("/console/sign-in", "/console/assets/**").permitAll()
                        .anyRequest().hasRole(ROLE))
                .securityContext(c -> c.securityContextRepository(contexts))
                .exceptionHandling(e -> e.authenticationEntryPoint(
                        new LoginUrlAuthenticationEntryPoint("/console/sign-in")))
                .logout(l -> l.logoutUrl("/console/sign-out").logoutSuccessUrl("/console/sign-in?signedOut")
                        .deleteCookies("JSESSIONID"))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter
                                        .ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }
}

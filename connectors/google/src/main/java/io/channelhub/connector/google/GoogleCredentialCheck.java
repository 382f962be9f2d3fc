package io.channelhub.connector.google;

import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.spi.CredentialCheck;
import io.channelhub.core.spi.TenantConnector;
import java.util.List;

/**
 * Proves a tenant's RBM credentials with a token and one cheap call: the capabilities of a probe number.
 * The answer (reachable or 404) matters not; that Google answers the agent's service account at all does.
 * A key the token endpoint refuses (deleted, account disabled) or a 401/403 from RBM (the service account
 * has no access to the agent) is rejected, with what ops must do. Never throws.
 */
final class GoogleCredentialCheck {

    static final String DEFAULT_PROBE_NUMBER = "+12223334444";

    private final GoogleApiClient api;
    private final GoogleAccessTokens tokens;
    private final String probeNumber;

    GoogleCredentialCheck(GoogleApiClient api, GoogleAccessTokens tokens, String probeNumber) {
        this.api = api;
        this.tokens = tokens;
        this.probeNumber = probeNumber;
    }

    CredentialCheck check(TenantConnector connector) {
        List<String> problems = GoogleSettings.problems(connector);
        if (!problems.isEmpty()) {
            return CredentialCheck.rejected(String.join("; ", problems));
        }
        GoogleSettings settings = GoogleSettings.of(connector);
        GoogleBearer bearer;
        try {
            bearer = tokens.bearer(connector);
        } catch (PermanentChannelException e) {
            return CredentialCheck.rejected(e.getMessage());
        } catch (ChannelException e) {
            return CredentialCheck.unreachable(e.getMessage());
        }
        try {
            api.capabilities(settings, bearer, probeNumber);
            return CredentialCheck.ok("RBM accepts service account " + settings.serviceAccountEmail()
                    + " for agent " + settings.agentId());
        } catch (PermanentChannelException e) {
            if (e.credentialsRejected()) {
                return CredentialCheck.rejected(e.getMessage() + ". The key is valid, but the service account"
                        + " may not act for agent " + settings.agentId() + ": in the Business Communications"
                        + " Developer Console, check the agent id and give this service account access to it");
            }
            return CredentialCheck.rejected(e.getMessage());
        } catch (ChannelException e) {
            return CredentialCheck.unreachable(e.getMessage());
        } catch (RuntimeException e) {
            return CredentialCheck.unreachable("RBM credential check failed: " + e.getClass().getSimpleName());
        }
    }
}

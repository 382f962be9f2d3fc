package io.channelhub.connector.google;

import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.ConnectorEnvironment;
import io.channelhub.core.spi.CredentialValues;
import io.channelhub.core.spi.TenantConnector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One tenant's RBM configuration as a connector call needs it (CONTRACT §4 key names, plus {@code region}
 * and {@code messageTtl}). Values are checked before they become URL parts; the secrets stay in
 * {@link TenantConnector#secrets()} and go only to {@link GoogleAccessTokens} and the webhook verifier.
 *
 * @param agentId    the agent's id as the RBM API takes it ({@code welcome-bot}, without {@code @rbm.goog})
 * @param region     {@code europe}, {@code us} or {@code asia} for a regional endpoint, or null for the global one
 * @param messageTtl how long Google keeps trying an undelivered message, or null for Google's default (30 days)
 */
record GoogleSettings(String agentId, String serviceAccountEmail, String region, Duration messageTtl) {

    static final String AGENT_ID = "agentId";
    static final String SERVICE_ACCOUNT_EMAIL = "serviceAccountEmail";
    static final String REGION = "region";
    static final String MESSAGE_TTL = "messageTtl";
    static final String SERVICE_ACCOUNT_KEY = "serviceAccountKey";
    static final String CLIENT_TOKEN = "clientToken";

    /** The suffix Google adds to agent ids in webhook payloads ({@code welcome-bot@rbm.goog}). */
    static final String AGENT_DOMAIN = "@rbm.goog";
    static final Set<String> REGIONS = Set.of("europe", "us", "asia");
    /** Google's bounds for {@code ttl}/{@code expireTime} (RBM guides/build/messages/send). */
    static final Duration MIN_TTL = Duration.ofSeconds(10);
    static final Duration MAX_TTL = Duration.ofDays(15);

    private static final Pattern AGENT = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    static GoogleSettings of(TenantConnector connector) {
        List<String> problems = settingProblems(connector);
        if (!problems.isEmpty()) {
            throw new PermanentChannelException(ReasonCodes.CONNECTOR_DISABLED, null,
                    "google connector of tenant " + connector.tenantId() + ": " + String.join("; ", problems));
        }
        return new GoogleSettings(trimmed(connector, AGENT_ID).orElseThrow(),
                trimmed(connector, SERVICE_ACCOUNT_EMAIL).orElse(null),
                trimmed(connector, REGION).orElse(null),
                trimmed(connector, MESSAGE_TTL).map(ConnectorEnvironment::parseDuration).orElse(null));
    }

    /**
     * What no RBM call could get past, one line each, naming the key and never a secret's value: settings,
     * the service-account key (see {@link GoogleServiceAccountKey#problems}) and a client token that the
     * webhook handshake could never match.
     */
    static List<String> problems(TenantConnector connector) {
        List<String> problems = settingProblems(connector);
        connector.secrets().get(SERVICE_ACCOUNT_KEY).ifPresent(key -> problems.addAll(
                GoogleServiceAccountKey.problems(key, trimmed(connector, SERVICE_ACCOUNT_EMAIL).orElse(null))));
        connector.secrets().get(CLIENT_TOKEN)
                .flatMap(token -> CredentialValues.headerTokenProblem(CLIENT_TOKEN, token))
                .ifPresent(problems::add);
        return problems;
    }

    private static List<String> settingProblems(TenantConnector connector) {
        List<String> problems = new ArrayList<>();
        Optional<String> agent = trimmed(connector, AGENT_ID);
        if (agent.isEmpty()) {
            problems.add("'" + AGENT_ID + "' is required");
        } else if (agent.get().endsWith(AGENT_DOMAIN)) {
            problems.add("'" + AGENT_ID + "' is the agent id without '" + AGENT_DOMAIN + "', as the RBM API takes it");
        } else if (!AGENT.matcher(agent.get()).matches()) {
            problems.add("'" + AGENT_ID + "' must be an RBM agent id (letters, digits, '.', '_', '-')");
        }
        trimmed(connector, REGION).filter(r -> !REGIONS.contains(r)).ifPresent(r ->
                problems.add("'" + REGION + "' must be one of europe, us, asia (or absent for the global endpoint)"));
        trimmed(connector, MESSAGE_TTL).flatMap(GoogleSettings::ttlProblem).ifPresent(problems::add);
        return problems;
    }

    private static Optional<String> ttlProblem(String value) {
        Duration ttl;
        try {
            ttl = ConnectorEnvironment.parseDuration(value);
        } catch (RuntimeException e) {
            return Optional.of("'" + MESSAGE_TTL + "' must be a duration such as PT1H, 30m or 2h");
        }
        if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            return Optional.of("'" + MESSAGE_TTL + "' must be between 10 seconds and 15 days (Google's limits)");
        }
        return Optional.empty();
    }

    private static Optional<String> trimmed(TenantConnector connector, String key) {
        return connector.setting(key).map(String::trim);
    }
}

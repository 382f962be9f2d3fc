package io.channelhub.connector.meta;

import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.CredentialValues;
import io.channelhub.core.spi.TenantConnector;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Graph account a tenant's Meta connector calls as (a phone number, a Page, an Instagram account): its id,
 * the Graph version to call and the token, read from the settings and secrets under the channel's key names.
 * The id is checked before it becomes a URL path segment; the token stays inside {@link GraphAccessToken}.
 *
 * @param accountIdKey the setting naming the account ({@code phoneNumberId}, {@code pageId}, …)
 * @param accountId    its value, or null when the tenant gave none
 * @param apiVersion   the tenant's pinned Graph version, else the hub's default
 */
public record GraphAccount(String accountIdKey, String accountId, String apiVersion, GraphAccessToken token) {

    /** The setting keys every Meta channel shares (CONTRACT §4). */
    public static final String API_VERSION = "apiVersion";
    public static final String APP_SECRET = "appSecret";
    public static final String VERIFY_TOKEN = "verifyToken";

    /** Meta ids are digits in practice; anything URL-safe is accepted, nothing that could change the path. */
    private static final Pattern GRAPH_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    /** Throws {@code connector_disabled} for what no Graph call could get past. */
    public static GraphAccount of(TenantConnector connector, String accountIdKey, String tokenKey,
                                  String defaultApiVersion) {
        String version = connector.setting(API_VERSION).map(String::trim).orElse(defaultApiVersion);
        if (!GraphApiConfig.isApiVersion(version)) {
            throw notConfigured(connector, "has an " + API_VERSION + " that is not like v26.0");
        }
        String accountId = accountId(connector, accountIdKey);
        if (accountId != null && !isGraphId(accountId)) {
            throw notConfigured(connector, "has a " + accountIdKey + " that is not a Graph id");
        }
        String token = connector.secrets().get(tokenKey)
                .orElseThrow(() -> notConfigured(connector, "has no " + tokenKey + " secret"));
        return new GraphAccount(accountIdKey, accountId, version, GraphAccessToken.of(tokenKey, token));
    }

    /**
     * What no Graph call could get past, one line each, naming the key and never a secret's value: the checks
     * of {@link #of} for a connector being saved. A missing key is the hub's required-key check.
     */
    public static List<String> problems(TenantConnector connector, String accountIdKey, String tokenKey) {
        List<String> problems = new ArrayList<>();
        String version = connector.setting(API_VERSION).map(String::trim).orElse(null);
        if (version != null && !GraphApiConfig.isApiVersion(version)) {
            problems.add("'" + API_VERSION + "' must look like v26.0");
        }
        String accountId = accountId(connector, accountIdKey);
        if (accountId != null && !isGraphId(accountId)) {
            problems.add("'" + accountIdKey + "' must be a Graph id (letters, digits, '.', '_', '-')");
        }
        connector.secrets().get(tokenKey)
                .flatMap(token -> CredentialValues.headerTokenProblem(tokenKey, token))
                .ifPresent(problems::add);
        return problems;
    }

    /** The account id, for calls that address it. */
    public String requireAccountId(TenantConnector connector) {
        if (accountId == null) {
            throw notConfigured(connector, "has no " + accountIdKey + " setting");
        }
        return accountId;
    }

    public static boolean isGraphId(String value) {
        return value != null && GRAPH_ID.matcher(value).matches();
    }

    private static String accountId(TenantConnector connector, String accountIdKey) {
        return connector.setting(accountIdKey).map(String::trim).orElse(null);
    }

    private static PermanentChannelException notConfigured(TenantConnector connector, String problem) {
        return new PermanentChannelException(ReasonCodes.CONNECTOR_DISABLED, null,
                connector.channel() + " connector of tenant " + connector.tenantId() + " " + problem);
    }
}

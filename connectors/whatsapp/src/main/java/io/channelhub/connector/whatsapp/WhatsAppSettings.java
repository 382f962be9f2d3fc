package io.channelhub.connector.whatsapp;

import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.CredentialValues;
import io.channelhub.core.spi.TenantConnector;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One tenant's WhatsApp configuration as a connector call needs it (CONTRACT §4 key names). Ids are
 * checked before they become URL path segments; the access token stays inside {@link GraphAccessToken}.
 *
 * @param phoneNumberId the business phone number id, or null when the call does not need it
 * @param wabaId        the WhatsApp Business Account id, informational
 * @param apiVersion    the tenant's pinned Graph version, else the hub's default
 */
record WhatsAppSettings(String phoneNumberId, String wabaId, String apiVersion, GraphAccessToken accessToken) {

    static final String PHONE_NUMBER_ID = "phoneNumberId";
    static final String WABA_ID = "wabaId";
    static final String API_VERSION = "apiVersion";
    static final String ACCESS_TOKEN = "accessToken";
    static final String APP_SECRET = "appSecret";
    static final String VERIFY_TOKEN = "verifyToken";

    /** Meta ids are digits in practice; anything URL-safe is accepted, nothing that could change the path. */
    private static final Pattern GRAPH_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    static WhatsAppSettings of(TenantConnector connector, String defaultApiVersion) {
        String version = connector.setting(API_VERSION).map(String::trim).orElse(defaultApiVersion);
        if (!GraphApiConfig.isApiVersion(version)) {
            throw notConfigured(connector, "has an apiVersion that is not like v26.0");
        }
        String phoneNumberId = phoneNumberId(connector);
        if (phoneNumberId != null && !isGraphId(phoneNumberId)) {
            throw notConfigured(connector, "has a phoneNumberId that is not a Graph id");
        }
        String token = connector.secrets().get(ACCESS_TOKEN)
                .orElseThrow(() -> notConfigured(connector, "has no accessToken secret"));
        return new WhatsAppSettings(phoneNumberId, connector.setting(WABA_ID).orElse(null), version,
                GraphAccessToken.of(ACCESS_TOKEN, token));
    }

    /**
     * What no Graph call could get past, one line each, naming the key and never a secret's value: the
     * checks of {@link #of} for a connector being saved. A missing key is the hub's required-key check.
     */
    static List<String> problems(TenantConnector connector) {
        List<String> problems = new ArrayList<>();
        String version = connector.setting(API_VERSION).map(String::trim).orElse(null);
        if (version != null && !GraphApiConfig.isApiVersion(version)) {
            problems.add("'" + API_VERSION + "' must look like v26.0");
        }
        String phoneNumberId = phoneNumberId(connector);
        if (phoneNumberId != null && !isGraphId(phoneNumberId)) {
            problems.add("'" + PHONE_NUMBER_ID + "' must be a Graph id (letters, digits, '.', '_', '-')");
        }
        connector.secrets().get(ACCESS_TOKEN)
                .flatMap(token -> CredentialValues.headerTokenProblem(ACCESS_TOKEN, token))
                .ifPresent(problems::add);
        return problems;
    }

    private static String phoneNumberId(TenantConnector connector) {
        return connector.setting(PHONE_NUMBER_ID).map(String::trim).orElse(null);
    }

    String requirePhoneNumberId(TenantConnector connector) {
        if (phoneNumberId == null) {
            throw notConfigured(connector, "has no phoneNumberId setting");
        }
        return phoneNumberId;
    }

    static boolean isGraphId(String value) {
        return value != null && GRAPH_ID.matcher(value).matches();
    }

    private static PermanentChannelException notConfigured(TenantConnector connector, String problem) {
        return new PermanentChannelException(ReasonCodes.CONNECTOR_DISABLED, null,
                "whatsapp connector of tenant " + connector.tenantId() + " " + problem);
    }
}

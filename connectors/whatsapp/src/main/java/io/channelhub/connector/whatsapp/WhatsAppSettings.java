package io.channelhub.connector.whatsapp;

import io.channelhub.connector.meta.GraphAccessToken;
import io.channelhub.connector.meta.GraphAccount;
import io.channelhub.core.spi.TenantConnector;
import java.util.List;

/**
 * One tenant's WhatsApp configuration as a connector call needs it (CONTRACT §4 key names): the phone number
 * as the Graph account, and the WhatsApp Business Account.
 *
 * @param wabaId the WhatsApp Business Account id, informational
 */
record WhatsAppSettings(GraphAccount account, String wabaId) {

    static final String PHONE_NUMBER_ID = "phoneNumberId";
    static final String WABA_ID = "wabaId";
    static final String API_VERSION = GraphAccount.API_VERSION;
    static final String ACCESS_TOKEN = "accessToken";
    static final String APP_SECRET = GraphAccount.APP_SECRET;
    static final String VERIFY_TOKEN = GraphAccount.VERIFY_TOKEN;

    static WhatsAppSettings of(TenantConnector connector, String defaultApiVersion) {
        return new WhatsAppSettings(GraphAccount.of(connector, PHONE_NUMBER_ID, ACCESS_TOKEN, defaultApiVersion),
                connector.setting(WABA_ID).orElse(null));
    }

    /** What no Graph call could get past, one line each, naming the key and never a secret's value. */
    static List<String> problems(TenantConnector connector) {
        return GraphAccount.problems(connector, PHONE_NUMBER_ID, ACCESS_TOKEN);
    }

    String apiVersion() {
        return account.apiVersion();
    }

    GraphAccessToken accessToken() {
        return account.token();
    }

    String requirePhoneNumberId(TenantConnector connector) {
        return account.requireAccountId(connector);
    }
}

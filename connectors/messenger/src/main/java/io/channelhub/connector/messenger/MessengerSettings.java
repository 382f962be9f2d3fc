package io.channelhub.connector.messenger;

import io.channelhub.connector.meta.GraphAccessToken;
import io.channelhub.connector.meta.GraphAccount;
import io.channelhub.core.spi.TenantConnector;
import java.util.List;

/** One tenant's Messenger configuration (CONTRACT §4 key names): the Facebook Page as the Graph account. */
record MessengerSettings(GraphAccount page) {

    static final String PAGE_ID = "pageId";
    static final String API_VERSION = GraphAccount.API_VERSION;
    static final String PAGE_ACCESS_TOKEN = "pageAccessToken";
    static final String APP_SECRET = GraphAccount.APP_SECRET;
    static final String VERIFY_TOKEN = GraphAccount.VERIFY_TOKEN;

    static MessengerSettings of(TenantConnector connector, String defaultApiVersion) {
        return new MessengerSettings(GraphAccount.of(connector, PAGE_ID, PAGE_ACCESS_TOKEN, defaultApiVersion));
    }

    /** What no Graph call could get past, one line each, naming the key and never a secret's value. */
    static List<String> problems(TenantConnector connector) {
        return GraphAccount.problems(connector, PAGE_ID, PAGE_ACCESS_TOKEN);
    }

    String apiVersion() {
        return page.apiVersion();
    }

    GraphAccessToken pageAccessToken() {
        return page.token();
    }

    String requirePageId(TenantConnector connector) {
        return page.requireAccountId(connector);
    }
}

package io.channelhub.connector.instagram;

import io.channelhub.connector.meta.GraphAccessToken;
import io.channelhub.connector.meta.GraphAccount;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.TenantConnector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One tenant's Instagram configuration (CONTRACT §4 key names): the Instagram professional account as the Graph
 * account, and the setup it is connected with. {@code pageAccessToken} keeps CONTRACT §4's name in both setups;
 * with Instagram Login it holds the Instagram user token.
 */
record InstagramSettings(GraphAccount account, InstagramSetup setup) {

    static final String INSTAGRAM_ACCOUNT_ID = "instagramAccountId";
    static final String API_VERSION = GraphAccount.API_VERSION;
    static final String SETUP = InstagramSetup.SETTING;
    static final String PAGE_ACCESS_TOKEN = "pageAccessToken";
    static final String APP_SECRET = GraphAccount.APP_SECRET;
    static final String VERIFY_TOKEN = GraphAccount.VERIFY_TOKEN;

    static InstagramSettings of(TenantConnector connector, String defaultApiVersion) {
        InstagramSetup setup = connector.setting(SETUP).map(value -> InstagramSetup.named(value)
                        .orElseThrow(() -> new PermanentChannelException(ReasonCodes.CONNECTOR_DISABLED, null,
                                "instagram connector of tenant " + connector.tenantId() + " has an unknown "
                                        + SETUP)))
                .orElse(InstagramSetup.DEFAULT);
        return new InstagramSettings(
                GraphAccount.of(connector, INSTAGRAM_ACCOUNT_ID, PAGE_ACCESS_TOKEN, defaultApiVersion), setup);
    }

    /** What no Graph call could get past, one line each, naming the key and never a secret's value. */
    static List<String> problems(TenantConnector connector) {
        List<String> problems = new ArrayList<>(
                GraphAccount.problems(connector, INSTAGRAM_ACCOUNT_ID, PAGE_ACCESS_TOKEN));
        connector.setting(SETUP).filter(value -> InstagramSetup.named(value).isEmpty()).ifPresent(value ->
                problems.add("'" + SETUP + "' must be one of " + Arrays.stream(InstagramSetup.values())
                        .map(InstagramSetup::settingValue).toList()));
        return problems;
    }

    String apiVersion() {
        return account.apiVersion();
    }

    GraphAccessToken token() {
        return account.token();
    }

    String requireAccountId(TenantConnector connector) {
        return account.requireAccountId(connector);
    }
}

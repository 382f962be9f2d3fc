package io.channelhub.connector.instagram;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a tenant's Instagram account is connected (PROTOCOLS.md §10.1), the {@code instagramSetup} setting. The
 * webhook cannot tell the setups apart, so the connector stores which one it is: it decides the Graph host,
 * the token the {@code pageAccessToken} secret holds and where messages are posted.
 */
enum InstagramSetup {
    /** Instagram API with Instagram Login: graph.instagram.com, an Instagram user token, no Page needed. */
    INSTAGRAM_LOGIN("instagramLogin"),
    /** Messenger API for Instagram: graph.facebook.com, the token of the Facebook Page linked to the account. */
    FACEBOOK_PAGE("facebookPage");

    static final String SETTING = "instagramSetup";
    static final InstagramSetup DEFAULT = INSTAGRAM_LOGIN;

    private final String settingValue;

    InstagramSetup(String settingValue) {
        this.settingValue = settingValue;
    }

    String settingValue() {
        return settingValue;
    }

    /** The setup a setting value names; empty for anything else. */
    static Optional<InstagramSetup> named(String value) {
        return Arrays.stream(values()).filter(s -> s.settingValue.equals(value.trim())).findFirst();
    }
}

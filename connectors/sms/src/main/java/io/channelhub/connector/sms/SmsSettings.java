package io.channelhub.connector.sms;

import io.channelhub.core.spi.TenantConnector;

/**
 * A tenant's SMS settings (CONTRACT §4): the Twilio Account SID and the sender, a phone number or
 * alphanumeric sender id ({@code fromNumber}), a Messaging Service ({@code messagingServiceSid}), or
 * both (the service then sends from that number of its pool). No secrets: those are in
 * {@link SmsCredentials}.
 */
record SmsSettings(String accountSid, String fromNumber, String messagingServiceSid) {
    static final String ACCOUNT_SID = "accountSid";
    static final String FROM_NUMBER = "fromNumber";
    static final String MESSAGING_SERVICE_SID = "messagingServiceSid";
    static final String OPT_OUT_KEYWORDS = "optOutKeywords";
    static final String OPT_IN_KEYWORDS = "optInKeywords";

    /** @throws IllegalStateException when the account or a sender is missing */
    static SmsSettings of(TenantConnector connector) {
        String accountSid = connector.requireSetting(ACCOUNT_SID);
        String from = connector.setting(FROM_NUMBER).map(String::trim).orElse(null);
        String service = connector.setting(MESSAGING_SERVICE_SID).map(String::trim).orElse(null);
        if (from == null && service == null) {
            throw new IllegalStateException("connector sms of tenant " + connector.tenantId()
                    + " has neither fromNumber nor messagingServiceSid");
        }
        return new SmsSettings(accountSid.trim(), from, service);
    }
}

package io.channelhub.connector.sms;

import io.channelhub.core.model.ContentType;
import io.channelhub.core.spi.ChannelDescriptor;
import io.channelhub.core.spi.ComposedConnector;
import io.channelhub.core.spi.ConnectorParts;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SMS and MMS through the tenant's own Twilio account: outbound with the Twilio Java SDK (one
 * {@code TwilioRestClient} per tenant, one HTTP attempt per send), inbound messages and status
 * callbacks by webhook ({@code POST /webhooks/sms/{tenantId}}, {@code X-Twilio-Signature}), MMS media
 * fetched with the tenant's credentials. Opt-out keywords are the hub's business (its consent store);
 * the connector only declares the {@code optOutKeywords}/{@code optInKeywords} settings.
 */
public final class SmsConnector extends ComposedConnector {
    static final String CHANNEL = "sms";

    private static final ChannelDescriptor DESCRIPTOR = new ChannelDescriptor(
            CHANNEL,
            "SMS (Twilio)",
            ChannelDescriptor.AddressFormat.E164,
            Set.of(ContentType.TEXT, ContentType.MEDIA),
            null,
            Set.of(),
            List.of(SmsSettings.ACCOUNT_SID, SmsSettings.FROM_NUMBER, SmsSettings.MESSAGING_SERVICE_SID,
                    SmsSettings.OPT_OUT_KEYWORDS, SmsSettings.OPT_IN_KEYWORDS),
            List.of(SmsCredentials.AUTH_TOKEN, SmsCredentials.API_KEY_SID, SmsCredentials.API_KEY_SECRET),
            Set.of(SmsSettings.ACCOUNT_SID),
            List.of(Set.of(SmsCredentials.AUTH_TOKEN),
                    Set.of(SmsCredentials.API_KEY_SID, SmsCredentials.API_KEY_SECRET)),
            // Twilio posts AccountSid with every webhook.
            SmsSettings.ACCOUNT_SID);

    /** From the settings in this connector's README, for the ops console's form. */
    private static final Map<String, String> FIELD_DESCRIPTIONS = Map.ofEntries(
            Map.entry("accountSid",
                    "The Twilio Account SID (AC…); Twilio posts it with every webhook, so it also routes them "
                    + "to this tenant."),
            Map.entry("fromNumber",
                    "The Twilio number to send from (E.164); this or messagingServiceSid is needed to send."),
            Map.entry("messagingServiceSid",
                    "The Twilio Messaging Service to send with (MG…); with a fromNumber too, the service sends "
                    + "from that number."),
            Map.entry("optOutKeywords",
                    "Words that opt a contact out (comma-separated), handled by the hub's consent store; empty "
                    + "for the defaults such as STOP."),
            Map.entry("optInKeywords",
                    "Words that opt a contact back in (comma-separated); empty for the defaults such as START."),
            Map.entry("authToken",
                    "The account's auth token; Twilio signs webhooks with it, so inbound messages are only "
                    + "accepted when it is set."),
            Map.entry("apiKeySid",
                    "An API key SID (SK…) for REST calls instead of the auth token; needs apiKeySecret."),
            Map.entry("apiKeySecret", "The secret of the API key named in apiKeySid."));

    SmsConnector(SmsApiEndpoint endpoint, Duration timeout, Clock clock) {
        super(parts(endpoint, timeout, clock));
    }

    private static ConnectorParts parts(SmsApiEndpoint endpoint, Duration timeout, Clock clock) {
        // One JDK client for all tenants: it pools connections, holds no credentials.
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        TwilioClients clients = new TwilioClients(new SmsApiHttpClient(http, endpoint, timeout));
        return ConnectorParts.of(DESCRIPTOR, new SmsInboundNormalizer(clock), new SmsOutboundSender(clients))
                .webhooks(new SmsWebhookVerifier())
                .mediaFetcher(new SmsMediaFetcher(http, endpoint, timeout))
                .credentialCheck(new SmsCredentialCheck(clients)::check)
                .configurationProblems(SmsCredentials::problems)
                .fieldDescriptions(FIELD_DESCRIPTIONS);
    }
}

package io.channelhub.connector.sms;

import io.channelhub.core.model.ContentType;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.ChannelDescriptor;
import io.channelhub.core.spi.CredentialCheck;
import io.channelhub.core.spi.InboundNormalizer;
import io.channelhub.core.spi.MediaFetcher;
import io.channelhub.core.spi.OutboundSender;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookVerifier;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SMS and MMS through the tenant's own Twilio account: outbound with the Twilio Java SDK (one
 * {@code TwilioRestClient} per tenant, one HTTP attempt per send), inbound messages and status
 * callbacks by webhook ({@code POST /webhooks/sms/{tenantId}}, {@code X-Twilio-Signature}), MMS media
 * fetched with the tenant's credentials. Opt-out keywords are the hub's business (its consent store);
 * the connector only declares the {@code optOutKeywords}/{@code optInKeywords} settings.
 */
public final class SmsConnector implements ChannelConnector {
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

    private final SmsWebhookVerifier verifier;
    private final SmsInboundNormalizer normalizer;
    private final SmsOutboundSender sender;
    private final SmsMediaFetcher mediaFetcher;
    private final SmsCredentialCheck credentialCheck;

    SmsConnector(SmsApiEndpoint endpoint, Duration timeout, Clock clock) {
        // One JDK client for all tenants: it pools connections, holds no credentials.
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        TwilioClients clients = new TwilioClients(new SmsApiHttpClient(http, endpoint, timeout));
        this.verifier = new SmsWebhookVerifier();
        this.normalizer = new SmsInboundNormalizer(clock);
        this.sender = new SmsOutboundSender(clients);
        this.mediaFetcher = new SmsMediaFetcher(http, endpoint, timeout);
        this.credentialCheck = new SmsCredentialCheck(clients);
    }

    @Override
    public ChannelDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Optional<WebhookVerifier> webhooks() {
        return Optional.of(verifier);
    }

    @Override
    public InboundNormalizer normalizer() {
        return normalizer;
    }

    @Override
    public OutboundSender sender() {
        return sender;
    }

    @Override
    public Optional<MediaFetcher> mediaFetcher() {
        return Optional.of(mediaFetcher);
    }

    @Override
    public CredentialCheck checkCredentials(TenantConnector connector) {
        return credentialCheck.check(connector);
    }

    /** Credential values no HTTP request can carry; see {@link SmsCredentials#problems}. */
    @Override
    public List<String> configurationProblems(TenantConnector connector) {
        return SmsCredentials.problems(connector);
    }

    /** From the settings in this connector's README, for the ops console's form. */
    @Override
    public Map<String, String> fieldDescriptions() {
        return Map.ofEntries(
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
    }
}

package io.channelhub.connector.google;

import io.channelhub.core.model.ContentType;
import io.channelhub.core.spi.ChannelDescriptor;
import io.channelhub.core.spi.ComposedConnector;
import io.channelhub.core.spi.ConnectorParts;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Google RCS Business Messaging (RBM) as a hub channel: RBM webhooks in, the RBM API out, each tenant
 * being one agent with its own service account. One instance serves all tenants; every call carries the
 * tenant's settings and secrets, and access tokens are cached per tenant and key.
 */
public final class GoogleConnector extends ComposedConnector {

    static final String CHANNEL = "google";

    static final ChannelDescriptor DESCRIPTOR = new ChannelDescriptor(
            CHANNEL,
            "Google RCS Business Messaging",
            ChannelDescriptor.AddressFormat.E164,
            // template is left to the hub, which sends its fallback text
            Set.of(ContentType.TEXT, ContentType.MEDIA, ContentType.CHOICE, ContentType.LOCATION,
                    ContentType.CONTACTS, ContentType.CARD, ContentType.CAROUSEL),
            null,
            Set.of(),
            List.of(GoogleSettings.AGENT_ID, GoogleSettings.SERVICE_ACCOUNT_EMAIL, GoogleSettings.REGION,
                    GoogleSettings.MESSAGE_TTL),
            List.of(GoogleSettings.SERVICE_ACCOUNT_KEY, GoogleSettings.CLIENT_TOKEN),
            Set.of(GoogleSettings.AGENT_ID, GoogleSettings.SERVICE_ACCOUNT_EMAIL),
            List.of(Set.of(GoogleSettings.SERVICE_ACCOUNT_KEY, GoogleSettings.CLIENT_TOKEN)),
            // a partner webhook carries the pushes of every agent: the tenant is found by agent id
            GoogleSettings.AGENT_ID);

    /** From the settings in this connector's README, for the ops console's form. */
    private static final Map<String, String> FIELD_DESCRIPTIONS = Map.ofEntries(
            Map.entry("agentId",
                    "The RBM agent id without @rbm.goog (dealer-042-agent); it also routes the platform-wide "
                    + "webhook to this tenant."),
            Map.entry("serviceAccountEmail",
                    "The service account the key belongs to; checked against the key's client_email."),
            Map.entry("region",
                    "europe, us or asia for Google's regional endpoint; leave empty for the global endpoint."),
            Map.entry("messageTtl",
                    "How long Google keeps trying an undelivered message (PT1H, 30m, 2h; 10 s to 15 days); "
                    + "empty for Google's 30 days."),
            Map.entry("serviceAccountKey", "The service-account JSON key file, pasted whole."),
            Map.entry("clientToken",
                    "The client token shown when the webhook was configured in the Business Communications "
                    + "Developer Console."));

    GoogleConnector(GoogleApiClient api, GoogleAccessTokens tokens, String probeNumber) {
        super(ConnectorParts.of(DESCRIPTOR, new GoogleInboundNormalizer(), new GoogleOutboundSender(api, tokens))
                .webhooks(new GoogleWebhookVerifier())
                .mediaFetcher(new GoogleMediaFetcher(api, tokens))
                .revoker(new GoogleMessageRevoker(api, tokens))
                .capabilities(new GoogleCapabilityLookup(api, tokens))
                .credentialCheck(new GoogleCredentialCheck(api, tokens, probeNumber)::check)
                .configurationProblems(GoogleSettings::problems)
                .fieldDescriptions(FIELD_DESCRIPTIONS));
    }
}

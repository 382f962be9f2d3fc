package io.channelhub.connector.google;

import io.channelhub.core.model.ContentType;
import io.channelhub.core.spi.CapabilityLookup;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.ChannelDescriptor;
import io.channelhub.core.spi.CredentialCheck;
import io.channelhub.core.spi.InboundNormalizer;
import io.channelhub.core.spi.MediaFetcher;
import io.channelhub.core.spi.MessageRevoker;
import io.channelhub.core.spi.OutboundSender;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookVerifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Google RCS Business Messaging (RBM) as a hub channel: RBM webhooks in, the RBM API out, each tenant
 * being one agent with its own service account. One instance serves all tenants; every call carries the
 * tenant's settings and secrets, and access tokens are cached per tenant and key.
 */
public final class GoogleConnector implements ChannelConnector {

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

    private final GoogleWebhookVerifier verifier = new GoogleWebhookVerifier();
    private final GoogleInboundNormalizer normalizer = new GoogleInboundNormalizer();
    private final GoogleOutboundSender sender;
    private final GoogleMediaFetcher mediaFetcher;
    private final GoogleMessageRevoker revoker;
    private final GoogleCapabilityLookup capabilities;
    private final GoogleCredentialCheck credentialCheck;

    GoogleConnector(GoogleApiClient api, GoogleAccessTokens tokens, String probeNumber) {
        this.sender = new GoogleOutboundSender(api, tokens);
        this.mediaFetcher = new GoogleMediaFetcher(api, tokens);
        this.revoker = new GoogleMessageRevoker(api, tokens);
        this.capabilities = new GoogleCapabilityLookup(api, tokens);
        this.credentialCheck = new GoogleCredentialCheck(api, tokens, probeNumber);
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
    public Optional<MessageRevoker> revoker() {
        return Optional.of(revoker);
    }

    @Override
    public Optional<CapabilityLookup> capabilities() {
        return Optional.of(capabilities);
    }

    @Override
    public CredentialCheck checkCredentials(TenantConnector connector) {
        return credentialCheck.check(connector);
    }

    /** Settings, key and client token that no RBM call could get past; see {@link GoogleSettings#problems}. */
    @Override
    public List<String> configurationProblems(TenantConnector connector) {
        return GoogleSettings.problems(connector);
    }

    /** From the settings in this connector's README, for the ops console's form. */
    @Override
    public Map<String, String> fieldDescriptions() {
        return Map.ofEntries(
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
    }
}

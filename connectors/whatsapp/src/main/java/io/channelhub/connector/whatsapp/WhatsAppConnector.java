package io.channelhub.connector.whatsapp;

import io.channelhub.connector.meta.GraphApiConfig;
import io.channelhub.connector.meta.GraphCredentialCheck;
import io.channelhub.core.model.ContentType;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.ChannelDescriptor;
import io.channelhub.core.spi.CredentialCheck;
import io.channelhub.core.spi.InboundNormalizer;
import io.channelhub.core.spi.MediaFetcher;
import io.channelhub.core.spi.OutboundSender;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookVerifier;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * WhatsApp Business Platform (Cloud API) as a hub channel: Meta webhooks in, Graph API out, one instance
 * shared by all tenants, each call carrying the tenant's own settings and token.
 */
public final class WhatsAppConnector implements ChannelConnector {

    static final ChannelDescriptor DESCRIPTOR = new ChannelDescriptor(
            "whatsapp",
            "WhatsApp",
            ChannelDescriptor.AddressFormat.E164,
            Set.of(ContentType.TEXT, ContentType.MEDIA, ContentType.LOCATION, ContentType.CONTACTS,
                    ContentType.REACTION, ContentType.TEMPLATE, ContentType.CHOICE),
            Duration.ofHours(24),
            Set.of(ContentType.TEMPLATE),
            List.of(WhatsAppSettings.PHONE_NUMBER_ID, WhatsAppSettings.WABA_ID, WhatsAppSettings.API_VERSION),
            List.of(WhatsAppSettings.ACCESS_TOKEN, WhatsAppSettings.APP_SECRET, WhatsAppSettings.VERIFY_TOKEN),
            Set.of(WhatsAppSettings.PHONE_NUMBER_ID),
            List.of(Set.of(WhatsAppSettings.ACCESS_TOKEN, WhatsAppSettings.APP_SECRET)),
            WhatsAppSettings.PHONE_NUMBER_ID,
            // A user who hides their number behind a username is known by business-scoped user id only.
            WhatsAppAddresses.BSUID);

    private final WhatsAppApiClient api;
    private final WhatsAppWebhookVerifier verifier = new WhatsAppWebhookVerifier();
    private final WhatsAppInboundNormalizer normalizer = new WhatsAppInboundNormalizer();
    private final WhatsAppOutboundSender sender;
    private final WhatsAppMediaFetcher mediaFetcher;

    WhatsAppConnector(WhatsAppApiClient api) {
        this.api = api;
        this.sender = new WhatsAppOutboundSender(api);
        this.mediaFetcher = new WhatsAppMediaFetcher(api);
    }

    /** The hub configuration this connector calls the Graph API with. */
    GraphApiConfig graphApi() {
        return api.config();
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
    public List<String> configurationProblems(TenantConnector connector) {
        return WhatsAppSettings.problems(connector);
    }

    /** Looks up the tenant's phone number with its token: proves both in one cheap call. */
    @Override
    public CredentialCheck checkCredentials(TenantConnector connector) {
        return GraphCredentialCheck.run(() -> {
            WhatsAppSettings settings = WhatsAppSettings.of(connector, api.config().apiVersion());
            String phoneNumberId = settings.requirePhoneNumberId(connector);
            api.phoneNumber(settings, phoneNumberId);
            return "phone number " + phoneNumberId + " is reachable with the access token";
        });
    }
}

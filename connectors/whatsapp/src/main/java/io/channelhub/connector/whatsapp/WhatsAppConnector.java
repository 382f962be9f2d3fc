package io.channelhub.connector.whatsapp;

import io.channelhub.connector.meta.GraphCredentialCheck;
import io.channelhub.connector.meta.MetaChannelConnector;
import io.channelhub.core.model.ContentType;
import io.channelhub.core.spi.ChannelDescriptor;
import io.channelhub.core.spi.ConnectorParts;
import io.channelhub.core.spi.CredentialCheck;
import io.channelhub.core.spi.TenantConnector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * WhatsApp Business Platform (Cloud API) as a hub channel: Meta webhooks in, Graph API out, one instance
 * shared by all tenants, each call carrying the tenant's own settings and token.
 */
public final class WhatsAppConnector extends MetaChannelConnector {

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

    /** From the settings in this connector's README, for the ops console's form. */
    private static final Map<String, String> FIELD_DESCRIPTIONS = Map.ofEntries(
            Map.entry("phoneNumberId",
                    "The phone number id from Meta's WhatsApp Manager (a Graph id); it also routes the "
                    + "platform-wide webhook to this tenant."),
            Map.entry("wabaId",
                    "The WhatsApp Business Account id; routes account-level events (template status, account "
                    + "updates) of the platform-wide webhook."),
            Map.entry("apiVersion", "Graph API version such as v26.0; leave empty for the hub default."),
            Map.entry("accessToken",
                    "The tenant's own access token (a system-user token) the hub sends with; pasted without "
                    + "spaces or line breaks."),
            Map.entry("appSecret", "The Meta app secret that signs the webhooks (X-Hub-Signature-256)."),
            Map.entry("verifyToken",
                    "A string you choose and enter in Meta's webhook settings too; Meta sends it back in the "
                    + "subscription handshake."));

    WhatsAppConnector(WhatsAppApiClient api) {
        super(api.config(), new WhatsAppWebhookVerifier(), new WhatsAppMediaFetcher(api),
                ConnectorParts.of(DESCRIPTOR, new WhatsAppInboundNormalizer(), new WhatsAppOutboundSender(api))
                        .configurationProblems(WhatsAppSettings::problems)
                        .credentialCheck(connector -> checkPhoneNumber(api, connector))
                        .fieldDescriptions(FIELD_DESCRIPTIONS));
    }

    /** Looks up the tenant's phone number with its token: proves both in one cheap call. */
    private static CredentialCheck checkPhoneNumber(WhatsAppApiClient api, TenantConnector connector) {
        return GraphCredentialCheck.run(() -> {
            WhatsAppSettings settings = WhatsAppSettings.of(connector, api.config().apiVersion());
            String phoneNumberId = settings.requirePhoneNumberId(connector);
            api.phoneNumber(settings, phoneNumberId);
            return api.permissions(settings, "phone number " + phoneNumberId + " is reachable with the access token");
        });
    }
}

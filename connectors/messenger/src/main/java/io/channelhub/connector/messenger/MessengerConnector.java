package io.channelhub.connector.messenger;

import io.channelhub.connector.meta.GraphCredentialCheck;
import io.channelhub.connector.meta.MetaChannelConnector;
import io.channelhub.connector.meta.MetaSenderActions;
import io.channelhub.core.model.ContentType;
import io.channelhub.core.spi.ChannelDescriptor;
import io.channelhub.core.spi.ConnectorParts;
import io.channelhub.core.spi.ConversationSignals;
import io.channelhub.core.spi.CredentialCheck;
import io.channelhub.core.spi.MessageTag;
import io.channelhub.core.spi.TenantConnector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Facebook Messenger (Messenger Platform, a Facebook Page) as a hub channel: Meta webhooks in
 * ({@code object: page}), the Send API out, one instance shared by all tenants, each call carrying the
 * tenant's own Page and token. Contacts are Page-scoped user ids (PSIDs), opaque to the hub.
 */
public final class MessengerConnector extends MetaChannelConnector {

    static final ChannelDescriptor DESCRIPTOR = new ChannelDescriptor(
            "messenger",
            "Facebook Messenger",
            ChannelDescriptor.AddressFormat.OPAQUE,
            // location and contacts go as text; choices as buttons or quick replies
            Set.of(ContentType.TEXT, ContentType.MEDIA, ContentType.LOCATION, ContentType.CONTACTS,
                    ContentType.REACTION, ContentType.CHOICE, ContentType.CARD, ContentType.CAROUSEL),
            Duration.ofHours(24),
            // outside the window only with a message tag, never by content type alone (PROTOCOLS §2.5, §10.1)
            Set.of(),
            List.of(MessengerSettings.PAGE_ID, MessengerSettings.API_VERSION),
            List.of(MessengerSettings.PAGE_ACCESS_TOKEN, MessengerSettings.APP_SECRET, MessengerSettings.VERIFY_TOKEN),
            Set.of(MessengerSettings.PAGE_ID),
            List.of(Set.of(MessengerSettings.PAGE_ACCESS_TOKEN, MessengerSettings.APP_SECRET)),
            MessengerSettings.PAGE_ID,
            null,
            // PROTOCOLS.md §10.1: HUMAN_AGENT up to 7 days after the person's last message, written by a person
            List.of(new MessageTag("HUMAN_AGENT", Duration.ofDays(7), true), MessageTag.anyTime("ACCOUNT_UPDATE"),
                    MessageTag.anyTime("POST_PURCHASE_UPDATE"), MessageTag.anyTime("CONFIRMED_EVENT_UPDATE")));

    /** From the settings in this connector's README, for the ops console's form. */
    private static final Map<String, String> FIELD_DESCRIPTIONS = Map.ofEntries(
            Map.entry("pageId",
                    "The Facebook Page id (a Graph id); it also routes the platform-wide webhook to this "
                    + "tenant."),
            Map.entry("apiVersion", "Graph API version such as v26.0; leave empty for the hub default."),
            Map.entry("pageAccessToken",
                    "The Page access token the hub sends with; pasted without spaces or line breaks."),
            Map.entry("appSecret", "The Meta app secret that signs the webhooks (X-Hub-Signature-256)."),
            Map.entry("verifyToken",
                    "A string you choose and enter in Meta's webhook settings too; Meta sends it back in the "
                    + "subscription handshake."));

    MessengerConnector(MessengerApiClient api) {
        super(api.config(), new MessengerWebhookVerifier(), api.mediaFetcher(),
                ConnectorParts.of(DESCRIPTOR, new MessengerInboundNormalizer(), new MessengerOutboundSender(api))
                        .configurationProblems(MessengerSettings::problems)
                        .signals(senderActions(api))
                        .credentialCheck(connector -> checkPage(api, connector))
                        .fieldDescriptions(FIELD_DESCRIPTIONS));
    }

    /** Typing and mark-seen as sender actions to the Page's send endpoint. */
    private static ConversationSignals senderActions(MessengerApiClient api) {
        return new MetaSenderActions((connector, body) -> {
            MessengerSettings settings = MessengerSettings.of(connector, api.config().apiVersion());
            api.send(settings, settings.requirePageId(connector), body);
        });
    }

    /** Looks up the tenant's Page with its token: proves both, and shows ops which Page it is. */
    private static CredentialCheck checkPage(MessengerApiClient api, TenantConnector connector) {
        return GraphCredentialCheck.run(() -> {
            MessengerSettings settings = MessengerSettings.of(connector, api.config().apiVersion());
            String pageId = settings.requirePageId(connector);
            String name = api.page(settings, pageId).path("name").asText("");
            return api.permissions(settings, "Page " + (name.isBlank() ? pageId : "'" + name + "' (" + pageId + ")")
                    + " is reachable with the page access token");
        });
    }
}

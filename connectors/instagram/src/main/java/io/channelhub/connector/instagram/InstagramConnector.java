package io.channelhub.connector.instagram;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Instagram Direct as a hub channel: Meta webhooks in ({@code object: instagram}), Instagram's send API out,
 * through Instagram Login (graph.instagram.com) or a linked Facebook Page (graph.facebook.com) as the tenant's
 * {@code instagramSetup} says. One instance shared by all tenants. Contacts are Instagram-scoped user ids
 * (IGSIDs), opaque to the hub.
 */
public final class InstagramConnector extends MetaChannelConnector {

    static final ChannelDescriptor DESCRIPTOR = new ChannelDescriptor(
            "instagram",
            "Instagram Direct",
            ChannelDescriptor.AddressFormat.OPAQUE,
            Set.of(ContentType.TEXT, ContentType.MEDIA, ContentType.REACTION, ContentType.CHOICE, ContentType.CARD,
                    ContentType.CAROUSEL),
            Duration.ofHours(24),
            // outside the window only with a message tag, never by content type alone (PROTOCOLS §10.1)
            Set.of(),
            List.of(InstagramSettings.INSTAGRAM_ACCOUNT_ID, InstagramSettings.SETUP, InstagramSettings.API_VERSION),
            List.of(InstagramSettings.PAGE_ACCESS_TOKEN, InstagramSettings.APP_SECRET,
                    InstagramSettings.VERIFY_TOKEN),
            Set.of(InstagramSettings.INSTAGRAM_ACCOUNT_ID),
            List.of(Set.of(InstagramSettings.PAGE_ACCESS_TOKEN, InstagramSettings.APP_SECRET)),
            InstagramSettings.INSTAGRAM_ACCOUNT_ID,
            null,
            // PROTOCOLS.md §10.1: HUMAN_AGENT up to 7 days, written by a person; CONFIRMED_EVENT_UPDATE is not
            // available on Instagram
            List.of(new MessageTag("HUMAN_AGENT", Duration.ofDays(7), true), MessageTag.anyTime("ACCOUNT_UPDATE"),
                    MessageTag.anyTime("POST_PURCHASE_UPDATE")));

    /** From the settings in this connector's README, for the ops console's form. */
    private static final Map<String, String> FIELD_DESCRIPTIONS = Map.ofEntries(
            Map.entry("instagramAccountId",
                    "The Instagram professional account id (a Graph id); it also routes the platform-wide "
                    + "webhook to this tenant."),
            Map.entry("instagramSetup",
                    "instagramLogin (Instagram API with Instagram Login, the default) or facebookPage (account "
                    + "linked to a Facebook Page)."),
            Map.entry("apiVersion", "Graph API version such as v26.0; leave empty for the hub default."),
            Map.entry("pageAccessToken",
                    "With Instagram Login the long-lived Instagram user token (60 days, renewed by the hub); "
                    + "with facebookPage the linked Page's access token."),
            Map.entry("appSecret",
                    "The secret of the app that signs the webhooks; Instagram-Login apps have their own "
                    + "Instagram app secret."),
            Map.entry("verifyToken",
                    "A string you choose and enter in Meta's webhook settings too; Meta sends it back in the "
                    + "subscription handshake."));

    InstagramConnector(InstagramApiClient api) {
        super(api.config(), new InstagramWebhookVerifier(), api.mediaFetcher(),
                ConnectorParts.of(DESCRIPTOR, new InstagramInboundNormalizer(), new InstagramOutboundSender(api))
                        .configurationProblems(InstagramSettings::problems)
                        .credentialCheck(connector -> checkAccount(api, connector))
                        .signals(senderActions(api))
                        // Instagram user tokens (setup instagramLogin) last 60 days unless the hub refreshes them.
                        .credentialRenewal(new InstagramTokenRenewal(api))
                        .fieldDescriptions(FIELD_DESCRIPTIONS));
    }

    /** Looks up the tenant's account with its token: proves both, and shows ops the account's username. */
    private static CredentialCheck checkAccount(InstagramApiClient api, TenantConnector connector) {
        return GraphCredentialCheck.run(() -> {
            InstagramSettings settings = InstagramSettings.of(connector, api.config().apiVersion());
            String accountId = settings.requireAccountId(connector);
            JsonNode account = api.account(settings, accountId);
            String username = account.path("username").asText("");
            return api.permissions(settings, "Instagram account "
                    + (username.isBlank() ? accountId : "@" + username + " (" + accountId + ")")
                    + " is reachable with the " + settings.setup().settingValue() + " token");
        });
    }

    /** Typing and mark-seen as sender actions to the account's send endpoint. */
    private static ConversationSignals senderActions(InstagramApiClient api) {
        return new MetaSenderActions((connector, body) -> {
            InstagramSettings settings = InstagramSettings.of(connector, api.config().apiVersion());
            api.send(settings, settings.requireAccountId(connector), body);
        });
    }
}

package io.channelhub.connector.instagram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.channelhub.connector.instagram.InstagramFixtures.ACCOUNT_ID;
import static io.channelhub.connector.instagram.InstagramFixtures.TOKEN;
import static io.channelhub.connector.instagram.InstagramFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.ContentType;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.ChannelDescriptor;
import io.channelhub.core.spi.CredentialCheck;
import io.channelhub.core.spi.CredentialRenewal;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.MessageTag;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Instagram connector's descriptor, settings, credential check and token refresh. */
class InstagramConnectorTest {

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String LOOKUP = ACCOUNT_ID + "?fields=id,username";
    private static final String REFRESH = "/ig/v26.0/refresh_access_token?grant_type=ig_refresh_token";

    private final InstagramConnector connector = (InstagramConnector) new InstagramConnectorFactory()
            .create(InstagramFixtures.environment(graph.baseUrl(), Map.of()));

    @Test
    void describesInstagramWithTheContractsKeysAndItsTags() {
        ChannelDescriptor d = connector.descriptor();
        assertThat(d.id()).isEqualTo("instagram");
        assertThat(d.addressFormat()).isEqualTo(ChannelDescriptor.AddressFormat.OPAQUE);
        assertThat(d.settingKeys()).containsExactly("instagramAccountId", "instagramSetup", "apiVersion");
        assertThat(d.secretKeys()).containsExactly("pageAccessToken", "appSecret", "verifyToken");
        assertThat(d.routing()).contains("instagramAccountId");
        assertThat(d.window()).contains(Duration.ofHours(24));
        assertThat(d.windowExemptContent()).as("only a message tag leaves the window").isEmpty();
        assertThat(d.outboundContent()).doesNotContain(ContentType.TEMPLATE, ContentType.LOCATION);
        assertThat(d.messageTags()).extracting(MessageTag::name)
                .containsExactly("HUMAN_AGENT", "ACCOUNT_UPDATE", "POST_PURCHASE_UPDATE");
        assertThat(d.messageTag("HUMAN_AGENT")).contains(new MessageTag("HUMAN_AGENT", Duration.ofDays(7), true));
        assertThat(d.messageTag("CONFIRMED_EVENT_UPDATE")).as("not available on Instagram").isEmpty();
    }

    @Test
    void hubConfigurationDefaultsToMetasGraph() {
        InstagramConnector defaults = (InstagramConnector) new InstagramConnectorFactory()
                .create(InstagramFixtures.environment("https://graph.facebook.com", Map.of()));
        assertThat(defaults.graphApi().baseUrl()).isEqualTo(URI.create("https://graph.facebook.com"));
        assertThat(defaults.graphApi().apiVersion()).isEqualTo("v26.0");
    }

    @Test
    void settingsNeverPrintTheTokenAndDefaultToInstagramLogin() {
        InstagramSettings settings = InstagramSettings.of(tenant(Collections.singletonMap("instagramSetup", null), Map.of()), "v26.0");
        assertThat(settings.toString()).doesNotContain(TOKEN).contains("***");
        assertThat(settings.setup()).isEqualTo(InstagramSetup.INSTAGRAM_LOGIN);
    }

    @Test
    void unusableSettingsAreConfigurationProblems() {
        List<String> problems = connector.configurationProblems(tenant(Map.of("instagramAccountId", "1784/../me",
                "apiVersion", "26", "instagramSetup", "unifiedLogin"), Map.of("pageAccessToken", "IGAA\r\nx")));
        assertThat(problems).hasSize(4).noneMatch(p -> p.contains("IGAA"))
                .anyMatch(p -> p.contains("'instagramSetup' must be one of [instagramLogin, facebookPage]"));
        assertThat(connector.configurationProblems(tenant())).isEmpty();
        assertThat(connector.configurationProblems(tenant(Map.of("instagramSetup", "facebookPage"), Map.of())))
                .isEmpty();
    }

    @Test
    void theCredentialCheckShowsTheUsernameOnTheSetupsHost() {
        graph.stubFor(get(urlEqualTo("/ig/v26.0/" + LOOKUP)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson(InstagramFixtures.text("outbound/account.json"))));
        CredentialCheck check = connector.checkCredentials(tenant());
        assertThat(check.outcome()).isEqualTo(CredentialCheck.Outcome.OK);
        assertThat(check.detail()).isEqualTo("Instagram account @autohaus.berger (" + ACCOUNT_ID
                + ") is reachable with the instagramLogin token");

        graph.stubFor(get(urlEqualTo("/v26.0/" + LOOKUP)).willReturn(okJson(
                InstagramFixtures.text("outbound/account.json"))));
        // a Page token can be inspected: the check names the messaging permission, or refuses a token without it
        String debug = "/v26.0/debug_token?input_token=" + TOKEN;
        graph.stubFor(get(urlEqualTo(debug)).willReturn(okJson(
                "{\"data\":{\"type\":\"PAGE\",\"is_valid\":true,\"scopes\":[\"instagram_basic\","
                        + "\"instagram_manage_messages\",\"pages_show_list\"]}}")));
        TenantConnector pageSetup = tenant(Map.of("instagramSetup", "facebookPage"), Map.of());
        assertThat(connector.checkCredentials(pageSetup).detail())
                .endsWith("with the facebookPage token; permissions instagram_manage_messages granted");
        graph.stubFor(get(urlEqualTo(debug)).willReturn(okJson(
                "{\"data\":{\"type\":\"PAGE\",\"is_valid\":true,\"scopes\":[\"instagram_basic\"]}}")));
        CredentialCheck lacking = connector.checkCredentials(pageSetup);
        assertThat(lacking.outcome()).isEqualTo(CredentialCheck.Outcome.REJECTED);
        assertThat(lacking.detail()).contains("instagram_manage_messages").doesNotContain(TOKEN);
    }

    @Test
    void aMissingPermissionOrExpiredTokenIsRejectedAndAnOutageUnreachable() {
        graph.stubFor(get(urlEqualTo("/ig/v26.0/" + LOOKUP)).willReturn(aResponse().withStatus(403)
                .withBody(InstagramFixtures.text("outbound/error-200-permission.json"))));
        CredentialCheck rejected = connector.checkCredentials(tenant());
        assertThat(rejected.outcome()).isEqualTo(CredentialCheck.Outcome.REJECTED);
        assertThat(rejected.detail()).contains("instagram_business_manage_messages").doesNotContain(TOKEN);
        graph.stubFor(get(urlEqualTo("/ig/v26.0/" + LOOKUP)).willReturn(aResponse().withStatus(401)
                .withBody(InstagramFixtures.text("outbound/error-190-token-expired.json"))));
        assertThat(connector.checkCredentials(tenant()).detail()).contains("190/463");
        graph.stubFor(get(urlEqualTo("/ig/v26.0/" + LOOKUP)).willReturn(aResponse().withStatus(503)));
        assertThat(connector.checkCredentials(tenant()).outcome()).isEqualTo(CredentialCheck.Outcome.UNREACHABLE);
    }

    @Test
    void aLongLivedInstagramTokenIsRefreshedWithItself() {
        graph.stubFor(get(urlEqualTo(REFRESH)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson(InstagramFixtures.text("outbound/token-refreshed.json"))));
        CredentialRenewal renewal = connector.credentialRenewal().orElseThrow();
        assertThat(renewal.renewEvery(tenant())).isEqualTo(Duration.ofHours(24));
        CredentialRenewal.Renewed renewed = renewal.renew(tenant());
        assertThat(renewed.secrets()).containsExactly(Map.entry("pageAccessToken", "IGAAnewLongLivedToken987"));
        assertThat(renewed.validFor()).isEqualTo(Duration.ofSeconds(5183944));
        assertThat(renewed.toString()).doesNotContain("IGAAnewLongLivedToken987");
    }

    @Test
    void anExpiredTokenCannotBeRefreshedAndAPageTokenIsNotRefreshedHere() {
        graph.stubFor(get(urlEqualTo(REFRESH)).willReturn(aResponse().withStatus(400)
                .withBody(InstagramFixtures.text("outbound/error-190-token-expired.json"))));
        CredentialRenewal renewal = connector.credentialRenewal().orElseThrow();
        PermanentChannelException expired = catchThrowableOfType(() -> renewal.renew(tenant()),
                PermanentChannelException.class);
        assertThat(expired.credentialsRejected()).isTrue();
        TenantConnector pageSetup = tenant(Map.of("instagramSetup", "facebookPage"), Map.of());
        assertThat(renewal.renewEvery(pageSetup)).as("a Page token is not renewed").isEqualTo(Duration.ZERO);
        PermanentChannelException page = catchThrowableOfType(() -> renewal.renew(pageSetup),
                PermanentChannelException.class);
        assertThat(page.reasonCode()).isEqualTo(ReasonCodes.INVALID_REQUEST);
    }
}

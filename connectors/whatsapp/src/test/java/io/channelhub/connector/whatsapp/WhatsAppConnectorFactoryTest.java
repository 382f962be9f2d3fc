package io.channelhub.connector.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelhub.connector.meta.GraphApiConfig;
import io.channelhub.core.model.ContentType;
import io.channelhub.core.spi.ChannelDescriptor;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Hub configuration, the channel descriptor and secret hygiene. */
class WhatsAppConnectorFactoryTest {

    private static WhatsAppConnector create(Map<String, String> properties) {
        return (WhatsAppConnector) new WhatsAppConnectorFactory().create(WhatsAppFixtures.environment(properties));
    }

    @Test
    void defaultsPointAtMetaWithACurrentVersion() {
        GraphApiConfig config = create(Map.of()).graphApi();
        assertThat(config.baseUrl()).isEqualTo(URI.create("https://graph.facebook.com"));
        assertThat(config.apiVersion()).isEqualTo("v26.0");
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void hubConfigurationOverridesTheDefaults() {
        GraphApiConfig config = create(Map.of("base-url", "http://localhost:8089/", "api-version", "v25.0",
                "timeout", "2500ms")).graphApi();
        assertThat(config.baseUrl()).isEqualTo(URI.create("http://localhost:8089"));
        assertThat(config.apiVersion()).isEqualTo("v25.0");
        assertThat(config.timeout()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void invalidHubConfigurationFailsAtStartUp() {
        assertThatThrownBy(() -> create(Map.of("api-version", "latest"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> create(Map.of("timeout", "0s"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void descriptorDeclaresTheChannel() {
        ChannelDescriptor d = create(Map.of()).descriptor();
        assertThat(d.id()).isEqualTo("whatsapp");
        assertThat(d.addressFormat()).isEqualTo(ChannelDescriptor.AddressFormat.E164);
        assertThat(d.outboundContent()).containsExactlyInAnyOrder(ContentType.TEXT, ContentType.MEDIA,
                ContentType.LOCATION, ContentType.CONTACTS, ContentType.REACTION, ContentType.TEMPLATE,
                ContentType.CHOICE);
        assertThat(d.window()).contains(Duration.ofHours(24));
        assertThat(d.windowExemptContent()).containsExactly(ContentType.TEMPLATE);
        assertThat(d.settingKeys()).containsExactly("phoneNumberId", "wabaId", "apiVersion");
        assertThat(d.secretKeys()).containsExactly("accessToken", "appSecret", "verifyToken");
        assertThat(d.requiredSettings()).containsExactly("phoneNumberId");
        assertThat(d.requiredSecrets()).containsExactly(Set.of("accessToken", "appSecret"));
        assertThat(d.routing()).contains("phoneNumberId");
    }

    @Test
    void descriptorAcceptsBusinessScopedUserIdsBesidesPhoneNumbers() {
        ChannelDescriptor d = create(Map.of()).descriptor();
        assertThat(d.isScopedUserId("US.13491208655302741918")).isTrue();
        assertThat(d.isScopedUserId("US.ENT.11815799212886844830")).isTrue();
        assertThat(d.isScopedUserId("NL.AbC123")).isTrue();
        for (String notOne : new String[] {"+31612345678", "31612345678", "us.1349", "USA.1349", "US.", "US.13 49",
                "US.1349-1", "US." + "1".repeat(129), ""}) {
            assertThat(d.isScopedUserId(notOne)).as(notOne).isFalse();
        }
    }

    @Test
    void offersWebhooksAndMediaButNoPoller() {
        WhatsAppConnector connector = create(Map.of());
        assertThat(connector.webhooks()).isPresent();
        assertThat(connector.mediaFetcher()).isPresent();
        assertThat(connector.poller()).isEmpty();
    }

    @Test
    void settingsNeverPrintTheToken() {
        WhatsAppSettings settings = WhatsAppSettings.of(WhatsAppFixtures.tenant(), "v26.0");
        assertThat(settings.toString()).doesNotContain(WhatsAppFixtures.ACCESS_TOKEN).contains("***");
        assertThat(List.of(settings).toString()).doesNotContain(WhatsAppFixtures.ACCESS_TOKEN);
    }

    @Test
    void tenantApiVersionMustLookLikeOne() {
        assertThatThrownBy(() -> WhatsAppSettings.of(
                WhatsAppFixtures.tenant(Map.of("apiVersion", "v26.0/../../x"), Map.of()), "v26.0"))
                .hasMessageContaining("apiVersion");
    }
}

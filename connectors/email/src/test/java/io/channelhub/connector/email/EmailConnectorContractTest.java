package io.channelhub.connector.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.core.model.ContentType;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.ChannelDescriptor;
import io.channelhub.core.spi.ConnectorContractTest;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.Secrets;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shared connector contract, plus what the email descriptor promises. */
class EmailConnectorContractTest extends ConnectorContractTest {

    private final ChannelConnector connector = TestEnvironment.connector();

    @Override
    protected ChannelConnector connector() {
        return connector;
    }

    @Override
    protected TenantConnector tenantConnector() {
        return new TenantConnector(TestMailboxes.TENANT, "email",
                Map.of("fromAddress", TestMailboxes.SHOP, "smtpHost", "smtp.dealer.example", "smtpPort", "587"),
                Secrets.of(Map.of("password", TestMailboxes.PASSWORD)));
    }

    @Override
    protected List<InboundPayload> samplePayloads() {
        return Fixtures.INBOUND.stream().map(Fixtures::inbound).toList();
    }

    /** Email is polled, never pushed. */
    @Override
    protected WebhookRequest signedWebhook() {
        return null;
    }

    @Test
    void descriptorDescribesEmail() {
        ChannelDescriptor d = connector.descriptor();

        assertThat(d.id()).isEqualTo("email");
        assertThat(d.addressFormat()).isEqualTo(ChannelDescriptor.AddressFormat.EMAIL);
        assertThat(d.outboundContent()).containsExactlyInAnyOrder(ContentType.TEXT, ContentType.MEDIA);
        assertThat(d.window()).isEmpty();
        assertThat(d.settingKeys()).containsExactly("fromAddress", "fromName", "smtpHost", "smtpPort", "smtpSecurity",
                "imapHost", "imapPort", "imapSecurity", "imapFolder", "username", "pollSeconds");
        assertThat(d.secretKeys()).containsExactly("password");
        assertThat(d.requiredSettings()).containsExactlyInAnyOrder("fromAddress", "smtpHost", "smtpPort");
        assertThat(d.requiredSecrets()).containsExactly(Set.of("password"));
        assertThat(d.routing()).isEmpty();
        assertThat(connector.webhooks()).isEmpty();
        assertThat(connector.poller()).isPresent();
        assertThat(connector.mediaFetcher()).isPresent();
    }

    @Test
    void everyInboundFixtureIsInTheSamples() {
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of(
                "src/test/resources/fixtures/email/inbound"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(Fixtures.INBOUND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

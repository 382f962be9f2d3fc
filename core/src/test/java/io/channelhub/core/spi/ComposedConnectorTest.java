package io.channelhub.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.channelhub.core.model.ContentType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComposedConnectorTest {

    private static final ChannelDescriptor DESCRIPTOR = new ChannelDescriptor("test", "Test",
            ChannelDescriptor.AddressFormat.OPAQUE, Set.of(ContentType.TEXT), null, Set.of(), List.of("key"),
            List.of(), Set.of(), List.of(), null);
    private static final InboundNormalizer NORMALIZER = payload -> List.of();
    private static final OutboundSender SENDER = (message, connector) -> null;
    private static final TenantConnector TENANT = new TenantConnector("t1", "test", Map.of(), Secrets.none());

    private static final class Connector extends ComposedConnector {
        Connector(ConnectorParts parts) {
            super(parts);
        }
    }

    /** The interface's own defaults, to compare against without restating them here. */
    private static final ChannelConnector BARE = new ChannelConnector() {
        @Override
        public ChannelDescriptor descriptor() {
            return DESCRIPTOR;
        }

        @Override
        public InboundNormalizer normalizer() {
            return NORMALIZER;
        }

        @Override
        public OutboundSender sender() {
            return SENDER;
        }
    };

    @Test
    void undeclaredPartsAnswerAsTheInterfaceDefaults() {
        ChannelConnector connector = new Connector(ConnectorParts.of(DESCRIPTOR, NORMALIZER, SENDER));

        assertThat(connector.descriptor()).isSameAs(DESCRIPTOR);
        assertThat(connector.normalizer()).isSameAs(NORMALIZER);
        assertThat(connector.sender()).isSameAs(SENDER);
        assertThat(connector.webhooks()).isEmpty();
        assertThat(connector.poller()).isEmpty();
        assertThat(connector.mediaFetcher()).isEmpty();
        assertThat(connector.capabilities()).isEmpty();
        assertThat(connector.revoker()).isEmpty();
        assertThat(connector.signals()).isEmpty();
        assertThat(connector.inboundAcknowledgement()).isEmpty();
        assertThat(connector.credentialRenewal()).isEmpty();
        assertThat(connector.webhookRegistration()).isEmpty();
        assertThat(connector.checkCredentials(TENANT)).isEqualTo(BARE.checkCredentials(TENANT));
        assertThat(connector.configurationProblems(TENANT)).isEqualTo(BARE.configurationProblems(TENANT));
        assertThat(connector.fieldDescriptions()).isEqualTo(BARE.fieldDescriptions());
    }

    @Test
    void declaredPartsAreWhatTheConnectorAnswers() {
        WebhookVerifier verifier = (request, tenant) -> true;
        MediaFetcher fetcher = (source, tenant) -> null;
        ConnectorParts parts = ConnectorParts.of(DESCRIPTOR, NORMALIZER, SENDER)
                .webhooks(verifier)
                .mediaFetcher(fetcher)
                .credentialCheck(tenant -> CredentialCheck.ok("checked " + tenant.tenantId()))
                .configurationProblems(tenant -> List.of("key: missing"))
                .fieldDescriptions(Map.of("key", "The key."));

        ChannelConnector connector = new Connector(parts);

        assertThat(connector.webhooks()).containsSame(verifier);
        assertThat(connector.mediaFetcher()).containsSame(fetcher);
        assertThat(connector.poller()).isEmpty();
        assertThat(connector.checkCredentials(TENANT)).isEqualTo(CredentialCheck.ok("checked t1"));
        assertThat(connector.configurationProblems(TENANT)).containsExactly("key: missing");
        assertThat(connector.fieldDescriptions()).containsExactly(Map.entry("key", "The key."));
    }

    @Test
    void aDeclarationChangedAfterConstructionChangesNothing() {
        ConnectorParts parts = ConnectorParts.of(DESCRIPTOR, NORMALIZER, SENDER);
        ChannelConnector connector = new Connector(parts);

        parts.webhooks((request, tenant) -> true);

        assertThat(connector.webhooks()).isEmpty();
    }

    @Test
    void theRequiredPartsAndEveryDeclaredOneMustBeThere() {
        assertThatNullPointerException().isThrownBy(() -> ConnectorParts.of(DESCRIPTOR, null, SENDER))
                .withMessage("normalizer");
        assertThatNullPointerException()
                .isThrownBy(() -> ConnectorParts.of(DESCRIPTOR, NORMALIZER, SENDER).mediaFetcher(null))
                .withMessage("mediaFetcher");
    }
}

package io.channelhub.connector.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GraphApiConfigTest {

    @Test
    void trailingSlashesOfTheBaseAreDropped() {
        GraphApiConfig config = new GraphApiConfig("messenger", URI.create("http://localhost:8089//"), "v26.0",
                Duration.ofSeconds(1));
        assertThat(config.uri("v25.0", "1234/messages")).isEqualTo(URI.create("http://localhost:8089/v25.0/1234/messages"));
    }

    @Test
    void badValuesNameTheChannelsConfigurationKey() {
        assertThatThrownBy(() -> new GraphApiConfig("messenger", URI.create("http://x"), "26", Duration.ofSeconds(1)))
                .hasMessageContaining("hub.channels.messenger.api-version");
        assertThatThrownBy(() -> new GraphApiConfig("instagram", URI.create("http://x"), "v26.0", Duration.ZERO))
                .hasMessageContaining("hub.channels.instagram.timeout");
    }

    @Test
    void apiVersionsLookLikeMetas() {
        assertThat(GraphApiConfig.isApiVersion("v26.0")).isTrue();
        assertThat(GraphApiConfig.isApiVersion("v26")).isFalse();
        assertThat(GraphApiConfig.isApiVersion("v26.0/../x")).isFalse();
        assertThat(GraphApiConfig.isApiVersion(null)).isFalse();
    }
}

package io.channelhub.connector.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.core.spi.TenantConnector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What ops are told on save, before anything reaches Telegram; secrets are named, never quoted. */
class TelegramSettingsTest {

    private static List<String> problems(Map<String, String> settings, Map<String, String> secrets) {
        TenantConnector tenant = TelegramFixtures.tenant(settings, secrets);
        return TelegramFixtures.connector("http://127.0.0.1:9").configurationProblems(tenant);
    }

    @Test
    void theFixturesConfigurationIsFine() {
        assertThat(problems(Map.of(), Map.of())).isEmpty();
        assertThat(problems(Map.of("botUsername", "@devries_auto_bot"), Map.of())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AAHk3-vQ9xY", "6123456789", "6123456789:", "abc:AAHk3", "6123456789:AAH/k3",
            "6123456789:AAH k3", "6123456789:AAHk3\n", "6123456789:AAHk3\u2026", "6123456789:AAH?x=1"})
    void aBotTokenMustBeDigitsColonTokenCharacters(String token) {
        List<String> problems = problems(Map.of(), Map.of("botToken", token));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p).contains("'botToken'");
            assertThat(p).doesNotContain(token.strip());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "dots.not.allowed", "sl/ash", "\u00e9t\u00e9"})
    void aWebhookSecretFollowsTelegramsRule(String secret) {
        assertThat(problems(Map.of(), Map.of("webhookSecret", secret))).singleElement()
                .satisfies(p -> assertThat(p).contains("'webhookSecret'", "1 to 256").doesNotContain(secret));
    }

    @Test
    void aWebhookSecretMayBe256CharactersButNoMore() {
        assertThat(problems(Map.of(), Map.of("webhookSecret", "a".repeat(256)))).isEmpty();
        assertThat(problems(Map.of(), Map.of("webhookSecret", "a".repeat(257)))).hasSize(1);
        assertThat(problems(Map.of(), Map.of("webhookSecret", "A-z_0"))).isEmpty();
    }

    @Test
    void aBotUsernameMustBeAUsername() {
        assertThat(problems(Map.of("botUsername", "de vries"), Map.of())).singleElement()
                .satisfies(p -> assertThat(p).contains("'botUsername'"));
    }

    @Test
    void theDescriptorNeedsTheTokenAndTheSecretAndHasNoWindow() {
        var d = TelegramConnector.DESCRIPTOR;
        assertThat(d.id()).isEqualTo("telegram");
        assertThat(d.window()).isEmpty();
        assertThat(d.routing()).isEmpty();
        assertThat(d.settingKeys()).containsExactly("botUsername");
        assertThat(d.requiredSecrets()).containsExactly(java.util.Set.of("botToken", "webhookSecret"));
    }
}

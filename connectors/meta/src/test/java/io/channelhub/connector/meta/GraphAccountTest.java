package io.channelhub.connector.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.Secrets;
import io.channelhub.core.spi.TenantConnector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphAccountTest {

    private static final String TOKEN = "EAAGpageTokenValue42";

    private static TenantConnector tenant(Map<String, String> settings, Map<String, String> secrets) {
        return new TenantConnector("dealer-7", "messenger", settings, Secrets.of(secrets));
    }

    @Test
    void readsIdVersionAndTokenUnderTheChannelsKeys() {
        GraphAccount account = GraphAccount.of(tenant(Map.of("pageId", " 1234 ", "apiVersion", "v25.0"),
                Map.of("pageAccessToken", TOKEN)), "pageId", "pageAccessToken", "v26.0");
        assertThat(account.accountId()).isEqualTo("1234");
        assertThat(account.apiVersion()).isEqualTo("v25.0");
        assertThat(account.token().bearer()).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void neverPrintsTheToken() {
        GraphAccount account = GraphAccount.of(tenant(Map.of("pageId", "1234"), Map.of("pageAccessToken", TOKEN)),
                "pageId", "pageAccessToken", "v26.0");
        assertThat(account.apiVersion()).isEqualTo("v26.0");
        assertThat(account.toString()).doesNotContain(TOKEN).contains("***");
        assertThat(List.of(account).toString()).doesNotContain(TOKEN);
        assertThat(account.token().redact("echoed " + TOKEN + " back")).isEqualTo("echoed *** back");
    }

    @Test
    void whatNoCallCouldGetPastIsAConfigurationProblem() {
        TenantConnector broken = tenant(Map.of("pageId", "12/../me", "apiVersion", "26"),
                Map.of("pageAccessToken", "EAAG\ntoken"));
        assertThat(GraphAccount.problems(broken, "pageId", "pageAccessToken")).hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("'pageId'"))
                .anySatisfy(p -> assertThat(p).contains("'apiVersion'"))
                .anySatisfy(p -> assertThat(p).contains("'pageAccessToken'").doesNotContain("EAAG"));
        PermanentChannelException e = catchThrowableOfType(
                () -> GraphAccount.of(broken, "pageId", "pageAccessToken", "v26.0"), PermanentChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.CONNECTOR_DISABLED);
        assertThat(e.getMessage()).startsWith("messenger connector of tenant dealer-7").contains("apiVersion");
    }

    @Test
    void aMissingTokenOrIdIsNamed() {
        assertThat(catchThrowableOfType(() -> GraphAccount.of(tenant(Map.of(), Map.of()), "pageId",
                "pageAccessToken", "v26.0"), PermanentChannelException.class).getMessage())
                .contains("has no pageAccessToken secret");
        TenantConnector noId = tenant(Map.of(), Map.of("pageAccessToken", TOKEN));
        GraphAccount account = GraphAccount.of(noId, "pageId", "pageAccessToken", "v26.0");
        assertThat(catchThrowableOfType(() -> account.requireAccountId(noId), PermanentChannelException.class)
                .getMessage()).contains("has no pageId setting");
    }

    @Test
    void graphIdsAreUrlSafe() {
        assertThat(GraphAccount.isGraphId("106540352242922")).isTrue();
        assertThat(GraphAccount.isGraphId("PAGE-ID_1.a")).isTrue();
        assertThat(GraphAccount.isGraphId("1/2")).isFalse();
        assertThat(GraphAccount.isGraphId("")).isFalse();
        assertThat(GraphAccount.isGraphId(null)).isFalse();
    }
}

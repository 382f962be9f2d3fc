package io.channelhub.connector.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.channelhub.connector.whatsapp.WhatsAppFixtures.TENANT;
import static io.channelhub.connector.whatsapp.WhatsAppFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.channelhub.connector.meta.GraphApiConfig;
import io.channelhub.connector.meta.RefusingHttpClient;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.Category;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.CredentialCheck;
import io.channelhub.core.spi.MediaSource;
import io.channelhub.core.spi.OutboundMessage;
import io.channelhub.core.spi.TenantConnector;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Access tokens no HTTP header can carry: refused on save, and failing every call permanently as
 * {@code authentication_failed} before anything is sent, without the token in any message.
 */
class WhatsAppUnusableTokenTest {

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String TOKEN = "EAAGunusableTokenValue0123";

    private WhatsAppConnector connector;

    /** A token as it gets pasted: with a line break, a control character, white space or non-ASCII. */
    static Stream<String> awkwardTokens() {
        return Stream.of(TOKEN + "\n", TOKEN + "\r\n", "EAAG\r\n" + TOKEN, "EAAG…", TOKEN + "…", TOKEN + "\u0000",
                "EAAG\t" + TOKEN, "EAAG " + TOKEN, TOKEN + " ", TOKEN + "\u007f", TOKEN + "é", TOKEN + "\uD83D\uDE00",
                "\u00a0" + TOKEN);
    }

    @BeforeEach
    void setUp() {
        connector = (WhatsAppConnector) new WhatsAppConnectorFactory().create(WhatsAppFixtures.environment(
                Map.of("base-url", graph.baseUrl(), "timeout", "2s")));
    }

    private static TenantConnector withToken(String token) {
        return tenant(Map.of(), Map.of("accessToken", token));
    }

    @ParameterizedTest
    @MethodSource("awkwardTokens")
    void savingNamesTheFieldNotTheValue(String token) {
        List<String> problems = connector.configurationProblems(withToken(token));
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem).contains("'accessToken'").contains("HTTP header");
            assertThat(problem).doesNotContain(token).doesNotContain(TOKEN);
        });
    }

    @ParameterizedTest
    @MethodSource("awkwardTokens")
    void sendFailsPermanentlyBeforeAnyCall(String token) {
        PermanentChannelException e = catchThrowableOfType(() -> connector.sender().send(textTo("+31612345678"),
                withToken(token)), PermanentChannelException.class);
        assertAuthenticationFailedWithoutToken(e, token);
        graph.verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest
    @MethodSource("awkwardTokens")
    void mediaFetchFailsPermanentlyBeforeAnyCall(String token) {
        PermanentChannelException e = catchThrowableOfType(() -> connector.mediaFetcher().orElseThrow()
                .fetch(new MediaSource("1013859600285441", "image/jpeg", null), withToken(token)),
                PermanentChannelException.class);
        assertAuthenticationFailedWithoutToken(e, token);
        graph.verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest
    @MethodSource("awkwardTokens")
    void credentialCheckSaysWhichFieldIsUnusable(String token) {
        CredentialCheck check = connector.checkCredentials(withToken(token));
        assertThat(check.outcome()).isEqualTo(CredentialCheck.Outcome.REJECTED);
        assertThat(check.detail()).contains("'accessToken'").doesNotContain(token).doesNotContain(TOKEN);
        graph.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aPlainAsciiTokenHasNoProblem() {
        assertThat(connector.configurationProblems(withToken("EAAGexampletoken"))).isEmpty();
    }

    @Test
    void settingsThatCannotBeUsedInAGraphUrlAreProblemsToo() {
        List<String> problems = connector.configurationProblems(tenant(
                Map.of("phoneNumberId", "1065/../me", "apiVersion", "26"), Map.of()));
        assertThat(problems).hasSize(2).anySatisfy(p -> assertThat(p).contains("'phoneNumberId'"))
                .anySatisfy(p -> assertThat(p).contains("'apiVersion'"));
    }

    /** Whatever else the HTTP client refuses, its message (which may quote the token) goes no further. */
    @Test
    void anHttpClientRefusalNeverCarriesItsMessageOn() {
        HttpClient refusing = new RefusingHttpClient("invalid header value for Authorization: Bearer " + TOKEN);
        WhatsAppConnector withRefusingClient = new WhatsAppConnector(new WhatsAppApiClient(refusing,
                GraphApiConfig.from("whatsapp", WhatsAppFixtures.environment(Map.of())), Clock.systemUTC()));
        PermanentChannelException e = catchThrowableOfType(() -> withRefusingClient.sender()
                .send(textTo("+31612345678"), withToken(TOKEN)), PermanentChannelException.class);
        assertAuthenticationFailedWithoutToken(e, TOKEN);
    }

    private static OutboundMessage textTo(String to) {
        return new OutboundMessage("0193a6f2-7c1e-7b3a-9d2f-5e4c3b2a1f00", TENANT, "whatsapp", null,
                new Party(to, null), "c-1", TextContent.of("Hallo"), Category.CONVERSATIONAL, null, null, null, null,
                Map.of());
    }

    private static void assertAuthenticationFailedWithoutToken(PermanentChannelException e, String token) {
        assertThat(e).isNotNull();
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.AUTHENTICATION_FAILED);
        assertThat(e.credentialsRejected()).isTrue();
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(token).doesNotContain(TOKEN);
    }
}

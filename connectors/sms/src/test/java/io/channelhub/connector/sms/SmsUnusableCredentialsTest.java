package io.channelhub.connector.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.channelhub.connector.sms.SmsTestSupport.ACCOUNT_SID;
import static io.channelhub.connector.sms.SmsTestSupport.FROM_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.Category;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.CredentialCheck;
import io.channelhub.core.spi.MediaSource;
import io.channelhub.core.spi.OutboundMessage;
import io.channelhub.core.spi.TenantConnector;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A credential value no HTTP header can carry (issue #12, item 2) is named on save and never reaches the
 * Twilio client: sends and media downloads fail for good with {@code authentication_failed}, the credential
 * check rejects it, nothing is requested from Twilio, and no message, {@code toString()} or stack trace
 * quotes the value.
 */
class SmsUnusableCredentialsTest {
    /** Recognisable in any output; what surrounds it is what makes each value unusable. */
    private static final String SECRET = "9c1f2e3d4b5a69788796a5b4c3d2e1f0";

    @RegisterExtension
    static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private ChannelConnector connector;

    @BeforeEach
    void setUp() {
        connector = SmsTestSupport.connector("http://localhost:" + twilio.getPort(), "2s");
    }

    /** Each awkward character, by name, in a value. */
    static Stream<Arguments> awkward() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("trailing newline", SECRET + "\n");
        values.put("CR LF inside", SECRET.substring(0, 8) + "\r\n" + SECRET.substring(8));
        values.put("typographic ellipsis", SECRET.substring(0, 4) + "\u2026");
        values.put("NUL", SECRET + "\u0000");
        values.put("tab", "\t" + SECRET);
        values.put("space", SECRET.substring(0, 16) + " " + SECRET.substring(16));
        values.put("DEL", SECRET + "\u007f");
        values.put("e acute", SECRET + "\u00e9");
        values.put("emoji", SECRET + "\uD83D\uDE97");
        return values.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    /** Each awkward value in each secret. */
    static Stream<Arguments> awkwardValues() {
        return awkward().flatMap(a -> Stream.of("authToken", "apiKeySecret", "apiKeySid")
                .map(field -> Arguments.of(a.get()[0], field, a.get()[1])));
    }

    @ParameterizedTest(name = "{1} with {0}")
    @MethodSource("awkwardValues")
    void isNamedOnSaveWithoutTheValue(String what, String field, String value) {
        List<String> problems = connector.configurationProblems(tenantWith(field, value));
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem).startsWith("'" + field + "' has ");
            assertThat(problem).doesNotContain(SECRET.substring(0, 4));
        });
    }

    @ParameterizedTest(name = "{1} with {0}")
    @MethodSource("awkwardValues")
    void aSendFailsForGoodWithoutCallingTwilio(String what, String field, String value) {
        PermanentChannelException e = catchThrowableOfType(PermanentChannelException.class,
                () -> connector.sender().send(message(), tenantWith(field, value)));
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.AUTHENTICATION_FAILED);
        assertThat(e.credentialsRejected()).isTrue();
        assertThat(e.getMessage()).contains("'" + field + "'");
        assertQuotesNoSecret(e);
        twilio.verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest(name = "{1} with {0}")
    @MethodSource("awkwardValues")
    void aMediaDownloadFailsForGoodWithoutCallingTwilio(String what, String field, String value) {
        MediaSource source = new MediaSource("https://api.twilio.com/2010-04-01/Accounts/" + ACCOUNT_SID
                + "/Messages/MM1/Media/ME1", "image/jpeg", null);
        PermanentChannelException e = catchThrowableOfType(PermanentChannelException.class,
                () -> connector.mediaFetcher().orElseThrow().fetch(source, tenantWith(field, value)));
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.AUTHENTICATION_FAILED);
        assertQuotesNoSecret(e);
        twilio.verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest(name = "{1} with {0}")
    @MethodSource("awkwardValues")
    void theCredentialCheckRejectsWithoutCallingTwilio(String what, String field, String value) {
        CredentialCheck check = connector.checkCredentials(tenantWith(field, value));
        assertThat(check.outcome()).isEqualTo(CredentialCheck.Outcome.REJECTED);
        assertThat(check.detail()).contains("'" + field + "'").doesNotContain(SECRET.substring(0, 4));
        assertThat(check.toString()).doesNotContain(SECRET.substring(0, 4));
        twilio.verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest(name = "accountSid with {0}")
    @MethodSource("awkward")
    void anAccountSidThatCannotBeSentIsNamedOnSave(String what, String value) {
        String sid = "AC" + value;
        TenantConnector tenant = SmsTestSupport.tenant(Map.of("accountSid", sid, "fromNumber", FROM_NUMBER),
                Map.of("authToken", SmsTestSupport.AUTH_TOKEN));
        assertThat(connector.configurationProblems(tenant)).singleElement()
                .satisfies(problem -> assertThat(problem).startsWith("'accountSid' has ").doesNotContain(SECRET));
    }

    /**
     * With both credential forms, the REST calls use the API key: an unusable auth token does not stop
     * them, but it is named on save, since webhooks can never be verified with it.
     */
    @ParameterizedTest(name = "authToken with {0}")
    @MethodSource("awkward")
    void anUnusableAuthTokenBesideApiKeysIsNamedButDoesNotStopRestCalls(String what, String value) {
        TenantConnector tenant = SmsTestSupport.tenant(Map.of("accountSid", ACCOUNT_SID, "fromNumber", FROM_NUMBER),
                Map.of("apiKeySid", SmsTestSupport.API_KEY_SID, "apiKeySecret", SmsTestSupport.API_KEY_SECRET,
                        "authToken", value));
        assertThat(connector.configurationProblems(tenant)).singleElement()
                .satisfies(problem -> assertThat(problem).startsWith("'authToken' has "));
        assertThat(SmsCredentials.of(tenant).usesApiKey()).isTrue();
    }

    @Test
    void usableValuesAreNoProblem() {
        assertThat(connector.configurationProblems(SmsTestSupport.authTokenTenant())).isEmpty();
        assertThat(connector.configurationProblems(SmsTestSupport.apiKeyTenant())).isEmpty();
    }

    private static TenantConnector tenantWith(String field, String value) {
        Map<String, String> secrets = new HashMap<>();
        if (field.equals("authToken")) {
            secrets.put("authToken", value);
        } else {
            secrets.put("apiKeySid", SmsTestSupport.API_KEY_SID);
            secrets.put("apiKeySecret", SmsTestSupport.API_KEY_SECRET);
            secrets.put(field, value);
        }
        return SmsTestSupport.tenant(Map.of("accountSid", ACCOUNT_SID, "fromNumber", FROM_NUMBER), secrets);
    }

    private static void assertQuotesNoSecret(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(SECRET.substring(0, 4));
        assertThat(e.toString()).doesNotContain(SECRET.substring(0, 4));
    }

    private static OutboundMessage message() {
        return new OutboundMessage("0193a6f2-7c1e-7d2a-9b4f-3e2d1c0b9a87", SmsTestSupport.TENANT, "sms", null,
                new Party("+31612345678", null), "conv-1", TextContent.of("Uw auto staat klaar."),
                Category.CONVERSATIONAL, null, null, null, null, Map.of());
    }
}

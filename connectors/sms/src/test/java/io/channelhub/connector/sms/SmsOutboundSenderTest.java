package io.channelhub.connector.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.channelhub.connector.sms.SmsTestSupport.ACCOUNT_SID;
import static io.channelhub.connector.sms.SmsTestSupport.API_KEY_SECRET;
import static io.channelhub.connector.sms.SmsTestSupport.API_KEY_SID;
import static io.channelhub.connector.sms.SmsTestSupport.AUTH_TOKEN;
import static io.channelhub.connector.sms.SmsTestSupport.FROM_NUMBER;
import static io.channelhub.connector.sms.SmsTestSupport.MESSAGING_SERVICE_SID;
import static io.channelhub.connector.sms.SmsTestSupport.fixtureText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.Category;
import io.channelhub.core.model.Choice;
import io.channelhub.core.model.ChoiceContent;
import io.channelhub.core.model.Content;
import io.channelhub.core.model.LocationContent;
import io.channelhub.core.model.MediaContent;
import io.channelhub.core.model.MediaKind;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.model.TemplateContent;
import io.channelhub.core.model.TextContent;
import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.OutboundMessage;
import io.channelhub.core.spi.SendResult;
import io.channelhub.core.spi.TenantConnector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmsOutboundSenderTest {
    private static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
    private static final String HUB_ID = "0193a6f2-7c1e-7d2a-9b4f-3e2d1c0b9a87";
    private static final String CALLBACK = "https://hub.example.com/webhooks/sms/dealer-042?hubMessageId=" + HUB_ID;

    @RegisterExtension
    static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private ChannelConnector connector;

    @BeforeEach
    void setUp() {
        connector = SmsTestSupport.connector("http://localhost:" + twilio.getPort(), "2s");
    }

    @Test
    void sendsATextWithStatusCallbackAndBasicAuth() {
        created();
        SendResult result = connector.sender().send(message(TextContent.of("Uw auto staat klaar.")),
                SmsTestSupport.authTokenTenant());

        assertThat(result).isEqualTo(new SendResult("SMb7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2", 1));
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH))
                .withBasicAuth(new BasicCredentials(ACCOUNT_SID, AUTH_TOKEN))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded; charset=UTF-8"))
                .withFormParam("To", equalTo("+31612345678"))
                .withFormParam("From", equalTo(FROM_NUMBER))
                .withFormParam("Body", equalTo("Uw auto staat klaar."))
                .withFormParam("StatusCallback", equalTo(CALLBACK))
                .withFormParam("MediaUrl", absent())
                .withFormParam("MessagingServiceSid", absent()));
    }

    @Test
    void sendsMediaAsMmsWithTheCaptionAsBody() {
        created();
        SendResult result = connector.sender().send(message(new MediaContent(MediaKind.IMAGE,
                "https://cdn.example.com/cars/42.jpg", "image/jpeg", null, "De auto \uD83D\uDE97", null)),
                SmsTestSupport.authTokenTenant());

        assertThat(result.billableUnits()).as("an MMS is one message").isEqualTo(1);
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH))
                .withFormParam("MediaUrl", equalTo("https://cdn.example.com/cars/42.jpg"))
                .withFormParam("Body", equalTo("De auto \uD83D\uDE97"))
                .withFormParam("From", equalTo(FROM_NUMBER)));
    }

    @Test
    void sendsMediaWithoutCaptionWithoutBody() {
        created();
        connector.sender().send(message(new MediaContent(MediaKind.DOCUMENT, "https://cdn.example.com/offerte.pdf",
                "application/pdf", "offerte.pdf", null, null)), SmsTestSupport.authTokenTenant());
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH))
                .withFormParam("MediaUrl", equalTo("https://cdn.example.com/offerte.pdf"))
                .withFormParam("Body", absent()));
    }

    @Test
    void billsLongTextsBySegments() {
        created();
        SendResult result = connector.sender().send(message(TextContent.of("a".repeat(161))),
                SmsTestSupport.authTokenTenant());
        assertThat(result.billableUnits()).isEqualTo(2);
    }

    @Test
    void usesTheMessagingServiceWhenConfigured() {
        created();
        TenantConnector tenant = SmsTestSupport.tenant(
                Map.of("accountSid", ACCOUNT_SID, "messagingServiceSid", MESSAGING_SERVICE_SID),
                Map.of("authToken", AUTH_TOKEN));
        connector.sender().send(message(TextContent.of("Hallo")), tenant);
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH))
                .withFormParam("MessagingServiceSid", equalTo(MESSAGING_SERVICE_SID))
                .withFormParam("From", absent()));
    }

    @Test
    void authenticatesWithTheApiKeyWhenConfigured() {
        created();
        connector.sender().send(message(TextContent.of("Hallo")), SmsTestSupport.apiKeyTenant());
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH))
                .withBasicAuth(new BasicCredentials(API_KEY_SID, API_KEY_SECRET)));
    }

    @Test
    void newCredentialsAreUsedAtOnce() {
        created();
        connector.sender().send(message(TextContent.of("1")), SmsTestSupport.authTokenTenant());
        TenantConnector rotated = SmsTestSupport.tenant(Map.of("accountSid", ACCOUNT_SID, "fromNumber", FROM_NUMBER),
                Map.of("authToken", "ffffeeeeddddccccbbbbaaaa99998888"));
        connector.sender().send(message(TextContent.of("2")), rotated);
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH))
                .withBasicAuth(new BasicCredentials(ACCOUNT_SID, "ffffeeeeddddccccbbbbaaaa99998888")));
    }

    @Test
    void degradesChoiceAndTemplateToText() {
        created();
        connector.sender().send(message(new ChoiceContent("Wanneer?", List.of(new Choice("a", "Morgen"),
                new Choice("b", "Vrijdag")))), SmsTestSupport.authTokenTenant());
        connector.sender().send(message(new TemplateContent("reminder", "nl", List.of("42"), "Herinnering: 42")),
                SmsTestSupport.authTokenTenant());
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH))
                .withFormParam("Body", equalTo("Wanneer?\n1. Morgen\n2. Vrijdag")));
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH))
                .withFormParam("Body", equalTo("Herinnering: 42")));
    }

    @Test
    void refusesContentSmsCannotCarryWithoutCallingTwilio() {
        PermanentChannelException location = sendExpecting(PermanentChannelException.class,
                new LocationContent(52.37, 4.89, "Showroom", null));
        PermanentChannelException template = sendExpecting(PermanentChannelException.class,
                new TemplateContent("reminder", "nl", List.of(), null));
        PermanentChannelException empty = sendExpecting(PermanentChannelException.class, TextContent.of(" "));
        assertThat(List.of(location, template, empty))
                .allSatisfy(e -> assertThat(e.reasonCode()).isEqualTo(ReasonCodes.UNSUPPORTED_CONTENT));
        assertThat(twilio.getAllServeEvents()).isEmpty();
    }

    @Test
    void refusesAnotherSender() {
        OutboundMessage m = new OutboundMessage(HUB_ID, "dealer-042", "sms", new Party("+3197000000000", null),
                new Party("+31612345678", null), null, TextContent.of("Hallo"), Category.CONVERSATIONAL, null, null,
                CALLBACK, null, Map.of());
        PermanentChannelException e = catchThrowableOfType(PermanentChannelException.class,
                () -> connector.sender().send(m, SmsTestSupport.authTokenTenant()));
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.SENDER_NOT_ALLOWED);
    }

    @Test
    void missingSenderOrCredentialsArePermanent() {
        TenantConnector noSender = SmsTestSupport.tenant(Map.of("accountSid", ACCOUNT_SID),
                Map.of("authToken", AUTH_TOKEN));
        TenantConnector noSecrets = SmsTestSupport.tenant(Map.of("accountSid", ACCOUNT_SID, "fromNumber", FROM_NUMBER),
                Map.of("apiKeySid", API_KEY_SID));
        assertThat(catchThrowableOfType(PermanentChannelException.class,
                () -> connector.sender().send(message(TextContent.of("x")), noSender)).reasonCode())
                .isEqualTo(ReasonCodes.CONNECTOR_DISABLED);
        assertThat(catchThrowableOfType(PermanentChannelException.class,
                () -> connector.sender().send(message(TextContent.of("x")), noSecrets)).credentialsRejected())
                .isTrue();
    }

    @Test
    void unsubscribedRecipientIsAnOptOut() {
        PermanentChannelException e = failWith(400, "error-21610-unsubscribed-recipient.json",
                PermanentChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.OPTED_OUT);
        assertThat(e.providerCode()).isEqualTo("21610");
        assertThat(e.credentialsRejected()).isFalse();
    }

    @Test
    void invalidNumbersAreInvalidAddresses() {
        PermanentChannelException invalid = failWith(400, "error-21211-invalid-to-number.json",
                PermanentChannelException.class);
        assertThat(invalid.reasonCode()).isEqualTo(ReasonCodes.INVALID_ADDRESS);
        assertThat(invalid.providerCode()).isEqualTo("21211");
        twilio.resetAll();
        PermanentChannelException landline = failWith(400, "error-21614-not-a-mobile-number.json",
                PermanentChannelException.class);
        assertThat(landline.reasonCode()).isEqualTo(ReasonCodes.INVALID_ADDRESS);
        assertThat(landline.providerCode()).isEqualTo("21614");
    }

    @Test
    void otherClientErrorsAreProviderRejected() {
        PermanentChannelException e = failWith(400, "error-21606-from-not-sms-capable.json",
                PermanentChannelException.class);
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.PROVIDER_REJECTED);
        assertThat(e.providerCode()).isEqualTo("21606");
    }

    @Test
    void throttlingIsRateLimitedWithRetryAfter() {
        twilio.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withHeader("Retry-After", "7")
                .withBody(fixtureText("outbound/error-20429-too-many-requests.json"))));
        TransientChannelException e = sendExpecting(TransientChannelException.class, TextContent.of("Hallo"));
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.RATE_LIMITED);
        assertThat(e.providerCode()).isEqualTo("20429");
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    }

    @Test
    void http429WithoutTwilioBodyIsRateLimited() {
        twilio.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(aResponse().withStatus(429)));
        TransientChannelException e = sendExpecting(TransientChannelException.class, TextContent.of("Hallo"));
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.RATE_LIMITED);
        assertThat(e.retryAfter()).isEmpty();
    }

    @Test
    void aServerErrorIsTransientAndRequestedExactlyOnce() {
        twilio.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": 20500, \"message\": \"Internal Server Error\", \"status\": 500}")));
        TransientChannelException e = sendExpecting(TransientChannelException.class, TextContent.of("Hallo"));
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.PROVIDER_UNAVAILABLE);
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    }

    @Test
    void aGatewayErrorWithAnHtmlBodyIsTransientAndRequestedExactlyOnce() {
        twilio.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Service Unavailable</body></html>")));
        TransientChannelException e = sendExpecting(TransientChannelException.class, TextContent.of("Hallo"));
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("HTTP 503");
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    }

    @Test
    void rejectedCredentialsAreReportedAndNeverShowTheToken() {
        PermanentChannelException e = failWith(401, "error-20003-authenticate.json", PermanentChannelException.class);
        assertThat(e.credentialsRejected()).isTrue();
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.AUTHENTICATION_FAILED);
        assertThat(e.providerCode()).isEqualTo("20003");
        assertThat(e.getMessage()).doesNotContain(AUTH_TOKEN);
    }

    @Test
    void aProviderMessageQuotingTheSecretIsRedacted() {
        twilio.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(aResponse().withStatus(400)
                .withBody("{\"code\": 21999, \"message\": \"bad auth " + AUTH_TOKEN + "\", \"status\": 400}")));
        PermanentChannelException e = sendExpecting(PermanentChannelException.class, TextContent.of("Hallo"));
        assertThat(e.getMessage()).doesNotContain(AUTH_TOKEN).contains("***");
    }

    @Test
    void aTimeoutIsTransient() {
        ChannelConnector impatient = SmsTestSupport.connector("http://localhost:" + twilio.getPort(), "300ms");
        twilio.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(aResponse().withStatus(201)
                .withFixedDelay(1500).withBody(fixtureText("outbound/message-created.json"))));
        TransientChannelException e = catchThrowableOfType(TransientChannelException.class,
                () -> impatient.sender().send(message(TextContent.of("Hallo")), SmsTestSupport.authTokenTenant()));
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.PROVIDER_UNAVAILABLE);
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    }

    @Test
    void aBrokenConnectionIsTransient() {
        twilio.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));
        TransientChannelException e = sendExpecting(TransientChannelException.class, TextContent.of("Hallo"));
        assertThat(e.reasonCode()).isEqualTo(ReasonCodes.PROVIDER_UNAVAILABLE);
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
    }

    private void created() {
        twilio.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(fixtureText("outbound/message-created.json"))));
    }

    private <T extends ChannelException> T failWith(int status, String fixture, Class<T> type) {
        twilio.stubFor(post(urlEqualTo(MESSAGES_PATH)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(fixtureText("outbound/" + fixture))));
        T e = sendExpecting(type, TextContent.of("Hallo"));
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES_PATH)));
        return e;
    }

    private <T extends ChannelException> T sendExpecting(Class<T> type, Content content) {
        T e = catchThrowableOfType(type,
                () -> connector.sender().send(message(content), SmsTestSupport.authTokenTenant()));
        assertThat(e).as("a %s", type.getSimpleName()).isNotNull();
        assertThat(e.getMessage()).doesNotContain(AUTH_TOKEN, API_KEY_SECRET);
        return e;
    }

    private static OutboundMessage message(Content content) {
        return new OutboundMessage(HUB_ID, "dealer-042", "sms", null, new Party("+31612345678", null), "conv-1",
                content, Category.CONVERSATIONAL, null, null, CALLBACK, null, Map.of());
    }
}

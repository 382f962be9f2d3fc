package io.channelhub.connector.sms;

import static io.channelhub.connector.sms.SmsTestSupport.AUTH_TOKEN;
import static io.channelhub.connector.sms.SmsTestSupport.WEBHOOK_URL;

import io.channelhub.core.spi.ChannelConnector;
import io.channelhub.core.spi.ConnectorContractTest;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.Secrets;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookRequest;
import java.util.List;
import java.util.Map;

class SmsConnectorContractTest extends ConnectorContractTest {
    private static final ChannelConnector CONNECTOR = SmsTestSupport.connector("http://localhost:1", "2s");

    @Override
    protected ChannelConnector connector() {
        return CONNECTOR;
    }

    @Override
    protected TenantConnector tenantConnector() {
        return new TenantConnector(SmsTestSupport.TENANT, "sms",
                Map.of("accountSid", SmsTestSupport.ACCOUNT_SID, "fromNumber", SmsTestSupport.FROM_NUMBER),
                Secrets.of(Map.of("authToken", AUTH_TOKEN, "apiKeySid", SmsTestSupport.API_KEY_SID,
                        "apiKeySecret", SmsTestSupport.API_KEY_SECRET)));
    }

    @Override
    protected List<InboundPayload> samplePayloads() {
        return List.of("sms-text.form", "mms-two-media.form", "sms-stop-advanced-opt-out.form", "status-sent.form",
                        "status-delivered.form", "status-undelivered-30003.form", "status-failed-30007.form")
                .stream().map(SmsTestSupport::payload).toList();
    }

    @Override
    protected WebhookRequest signedWebhook() {
        byte[] body = SmsTestSupport.fixture("inbound/sms-text.form");
        return SmsTestSupport.webhook(WEBHOOK_URL, body, SmsTestSupport.sign(AUTH_TOKEN, WEBHOOK_URL, body));
    }
}

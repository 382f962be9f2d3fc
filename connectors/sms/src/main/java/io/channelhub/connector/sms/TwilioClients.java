package io.channelhub.connector.sms;

import com.twilio.http.HttpClient;
import com.twilio.http.TwilioRestClient;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One {@link TwilioRestClient} per tenant, rebuilt when the tenant's credentials change (keyed by
 * tenant and a credentials fingerprint). Never the SDK's static {@code Twilio.init}: credentials live
 * only in the tenant's own client. No region or edge is set, so the SDK keeps its plain
 * {@code api.twilio.com} URLs that {@link SmsApiHttpClient} rewrites when a base URL is configured.
 */
final class TwilioClients {
    private final HttpClient transport;
    private final ConcurrentMap<String, Cached> byTenant = new ConcurrentHashMap<>();

    TwilioClients(HttpClient transport) {
        this.transport = transport;
    }

    TwilioRestClient forTenant(String tenantId, SmsCredentials credentials) {
        String fingerprint = credentials.fingerprint();
        return byTenant.compute(tenantId, (tenant, cached) ->
                cached != null && cached.fingerprint().equals(fingerprint)
                        ? cached
                        : new Cached(fingerprint, build(credentials))).client();
    }

    private TwilioRestClient build(SmsCredentials credentials) {
        return new TwilioRestClient.Builder(credentials.username(), credentials.password())
                .accountSid(credentials.accountSid())
                .httpClient(transport)
                .build();
    }

    private record Cached(String fingerprint, TwilioRestClient client) {
        @Override
        public String toString() {
            return "TwilioClients.Cached[***]";
        }
    }
}

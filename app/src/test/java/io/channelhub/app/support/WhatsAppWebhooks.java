package io.channelhub.app.support;

import io.channelhub.core.signature.HmacSignatures;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** WhatsApp Cloud API webhooks as Meta sends them (the documented envelope), signed with the app secret. */
public final class WhatsAppWebhooks {
    public static final String WABA_ID = "102290129340398";

    private WhatsAppWebhooks() {
    }

    /** A text message from {@code from} (digits, no +) with id {@code wamid}. */
    public static String text(String phoneNumberId, String from, String wamid, String text) {
        return envelope(phoneNumberId, from, "{\"from\":\"" + from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\""
                + Instant.now().getEpochSecond() + "\",\"type\":\"text\",\"text\":{\"body\":\"" + text + "\"}}");
    }

    /** One message object in the {@code messages} field of an entry for the business phone number. */
    public static String envelope(String phoneNumberId, String from, String message) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + WABA_ID + "\",\"changes\":[{"
                + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\","
                + "\"phone_number_id\":\"" + phoneNumberId + "\"},\"contacts\":[{\"profile\":{\"name\":\"Klant\"},"
                + "\"wa_id\":\"" + from + "\"}],\"messages\":[" + message + "]},\"field\":\"messages\"}]}]}";
    }

    /** POSTs {@code json} to the tenant's WhatsApp webhook, signed as Meta signs it (HMAC-SHA256 of the body). */
    public static HttpResponse<String> post(HubProcess hub, String tenant, String appSecret, String json)
            throws IOException, InterruptedException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return hub.post("/webhooks/whatsapp/" + tenant, body, "application/json",
                Map.of("X-Hub-Signature-256", "sha256=" + HmacSignatures.hmacSha256Hex(appSecret, body)));
    }
}

package io.channelhub.core.spi;

/** An HTTP answer a connector asks the hub to give a provider. */
public record WebhookReply(int status, String contentType, String body) {

    public static WebhookReply ok() {
        return new WebhookReply(200, "text/plain", "");
    }

    public static WebhookReply text(int status, String body) {
        return new WebhookReply(status, "text/plain", body);
    }

    public static WebhookReply forbidden() {
        return new WebhookReply(403, "text/plain", "");
    }
}

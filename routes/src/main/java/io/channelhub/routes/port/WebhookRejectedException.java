package io.channelhub.routes.port;

/** A webhook refused for a reason of the request's own (bad signature, unknown tenant): a 4xx. */
public class WebhookRejectedException extends RuntimeException {
    private final int status;
    private final String title;

    public WebhookRejectedException(int status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}

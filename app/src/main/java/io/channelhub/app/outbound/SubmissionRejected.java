package io.channelhub.app.outbound;

/**
 * A submission the hub refuses before accepting it: answered 4xx on the API, or a {@code rejected}
 * status event for submissions that came by queue.
 */
public class SubmissionRejected extends RuntimeException {
    private final int status;
    private final String reasonCode;

    public SubmissionRejected(int status, String reasonCode, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.reasonCode = reasonCode;
    }

    public int status() {
        return status;
    }

    public String reasonCode() {
        return reasonCode;
    }
}

package io.channelhub.routes;

import io.channelhub.routes.port.Submissions;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Outbound submissions from the HTTP API: accept (validate, idempotency, persist), queue for dispatch
 * with the accepted event, then answer. The 202 therefore means the message is on a durable queue.
 */
@Component
public class SubmitRoute extends RouteBuilder {
    private static final String ACCEPTED = "hubAccepted";
    private final Submissions submissions;

    public SubmitRoute(Submissions submissions) {
        this.submissions = submissions;
    }

    @Override
    public void configure() {
        // A refused submission is the caller's error, answered 4xx by the HTTP layer: no retry, no error log.
        from(HubEndpoints.SUBMIT).routeId("submit").errorHandler(noErrorHandler())
                .process(e -> {
                    Submissions.Accepted accepted = submissions.submit(e.getIn().getBody());
                    e.setProperty(ACCEPTED, accepted);
                    e.getIn().setBody(accepted.outgoing());
                })
                .to(HubEndpoints.PUBLISH)
                .process(e -> {
                    Submissions.Accepted accepted = e.getProperty(ACCEPTED, Submissions.Accepted.class);
                    submissions.queued(accepted);
                    e.getIn().setBody(accepted.answer());
                });
    }
}

package io.channelhub.app.web;

import io.channelhub.app.broker.BrokerGuard;
import io.channelhub.core.model.HubJson;
import jakarta.jms.JMSException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.jms.JmsException;

/** RFC 9457 problem documents, for Spring MVC's exception handling and for the filters outside it. */
public final class Problems {
    /** How long a caller should wait after a 503 before it retries. */
    public static final String RETRY_AFTER_SECONDS = "1";
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("https://channel-hub.dev/problems/" + title.toLowerCase().replace(' ', '-')));
        return problem;
    }

    /** Writes the problem and answers its status. */
    public static int write(HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        ProblemDetail p = of(status, title, detail);
        body.put("type", p.getType().toString());
        body.put("title", p.getTitle());
        body.put("status", p.getStatus());
        body.put("detail", p.getDetail());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(HubJson.mapper().writeValueAsBytes(body));
        return status.value();
    }

    /**
     * Whether a request failed for lack of the broker or the database: then nothing was queued, and the answer
     * is a 503 the caller retries (never a 2xx for what is not durable, never a 500 for an outage).
     */
    public static boolean meansUnavailable(Throwable e) {
        return e instanceof JmsException || e instanceof JMSException || e instanceof DataAccessException
                || e instanceof BrokerGuard.BrokerUnavailableException;
    }

    /** The 503 for {@link #meansUnavailable}; an unexpected outage is logged (the guard's own refusal is not). */
    public static ProblemDetail unavailable(Throwable cause) {
        if (!(cause instanceof BrokerGuard.BrokerUnavailableException)) {
            LOG.warn("Request failed for lack of the broker or database: {}", cause.toString());
        }
        return of(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
                "the hub cannot queue durably right now; retry later");
    }

    public static int writeUnavailable(HttpServletResponse response, Throwable cause) throws IOException {
        ProblemDetail p = unavailable(cause);
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        return write(response, HttpStatus.SERVICE_UNAVAILABLE, p.getTitle(), p.getDetail());
    }
}

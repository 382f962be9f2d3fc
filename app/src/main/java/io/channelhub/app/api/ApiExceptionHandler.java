package io.channelhub.app.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import io.channelhub.app.outbound.SubmissionRejected;
import io.channelhub.app.web.Problems;
import jakarta.jms.JMSException;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jms.JmsException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every error of the HTTP API as RFC 9457 problem+json. Bad input is a 4xx that names the problem
 * (never the stack trace); a broker or database outage is a 503, so callers retry and nothing is
 * answered 2xx that was not durably queued.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE) // ahead of Spring Boot's generic "Failed to read request"
class ApiExceptionHandler {

    @ExceptionHandler(SubmissionRejected.class)
    ProblemDetail submission(SubmissionRejected e) {
        ProblemDetail p = Problems.of(HttpStatus.valueOf(e.status()), e.status() == 404 ? "Not Found" : "Bad Request",
                e.getMessage());
        p.setProperties(Map.of("reasonCode", e.reasonCode()));
        return p;
    }

    @ExceptionHandler(io.channelhub.app.registry.ConnectorAdmin.ConnectorRejected.class)
    ProblemDetail connector(io.channelhub.app.registry.ConnectorAdmin.ConnectorRejected e) {
        return Problems.of(HttpStatus.valueOf(e.status()), HttpStatus.valueOf(e.status()).getReasonPhrase(),
                e.getMessage());
    }

    @ExceptionHandler(io.channelhub.app.security.TokenAdmin.TokenRejected.class)
    ProblemDetail token(io.channelhub.app.security.TokenAdmin.TokenRejected e) {
        return Problems.of(HttpStatus.valueOf(e.status()), HttpStatus.valueOf(e.status()).getReasonPhrase(),
                e.getMessage());
    }

    @ExceptionHandler(ApiProblem.class)
    ProblemDetail problem(ApiProblem e) {
        return e.problem();
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "Bad Request", unreadableDetail(e.getMostSpecificCause()));
    }

    /**
     * What is wrong with a body, by position or field name only: Jackson's own messages quote the
     * offending token, and a connector's body carries secrets.
     */
    private static String unreadableDetail(Throwable cause) {
        if (cause instanceof JsonParseException p) {
            JsonLocation at = p.getLocation();
            return "the request body is not well-formed JSON" + (at == null ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        }
        if (cause instanceof JsonMappingException m) {
            String field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            if (field.isEmpty()) {
                return "the request body is not one JSON object of the expected shape";
            }
            return m instanceof InvalidTypeIdException ? "'" + field + "' has a missing or unknown 'type'"
                    : "'" + field + "' has the wrong type or value";
        }
        return "the request body is missing or not readable JSON";
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingRequestHeaderException.class,
            IllegalArgumentException.class})
    ProblemDetail badArgument(Exception e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "Bad Request", e.getMessage());
    }

    /** The same classes as {@link Problems#meansUnavailable}, which the webhook edge uses outside MVC. */
    @ExceptionHandler({JmsException.class, JMSException.class, DataAccessException.class,
            io.channelhub.app.broker.BrokerGuard.BrokerUnavailableException.class})
    ResponseEntity<ProblemDetail> unavailable(Throwable e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", Problems.RETRY_AFTER_SECONDS)
                .body(Problems.unavailable(e));
    }
}

package io.channelhub.app.api;

import io.channelhub.app.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** A 4xx the API answers with, as problem+json. */
class ApiProblem extends RuntimeException {
    private final HttpStatus status;
    private final String title;

    ApiProblem(HttpStatus status, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = status.getReasonPhrase();
    }

    static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, detail);
    }

    static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, detail);
    }

    ProblemDetail problem() {
        return Problems.of(status, title, getMessage());
    }
}

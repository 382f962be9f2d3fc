package io.channelhub.app.api;

import io.channelhub.app.audit.AuditTrail;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Ops: the audit trail of what ops changed. */
@RestController
@Tag(name = "ops: audit trail", description = "Bearer token with role ops")
class AuditAdminController {
    private final AuditTrail audit;

    AuditAdminController(AuditTrail audit) {
        this.audit = audit;
    }

    @Operation(summary = "What ops changed, newest first: who (token name), when, what; 'since' and 'before' bound it")
    @GetMapping("/admin/v1/audit")
    List<AuditTrail.Entry> list(@RequestParam(required = false) String tenantId,
                                @RequestParam(required = false) String action,
                                @RequestParam(required = false) String since,
                                @RequestParam(required = false) String before,
                                @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiProblem.badRequest("limit must be between 1 and 1000");
        }
        return audit.find(tenantId, action, instant("since", since), instant("before", before), limit);
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(name + " must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
        }
    }
}

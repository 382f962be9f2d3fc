package io.channelhub.app.api;

import io.channelhub.app.flow.DeadLetterReplay;
import io.channelhub.app.persistence.DeadLetter;
import io.channelhub.app.persistence.DeadLetterRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Ops: dead letters, listed and replayed. */
@RestController
@Tag(name = "ops: dead letters", description = "Bearer token with role ops")
class DeadLetterAdminController {
    private final DeadLetterRepository deadLetters;
    private final DeadLetterReplay replay;

    DeadLetterAdminController(DeadLetterRepository deadLetters, DeadLetterReplay replay) {
        this.deadLetters = deadLetters;
        this.replay = replay;
    }

    @Operation(summary = "Dead letters, newest first")
    @GetMapping("/admin/v1/dead-letters")
    List<DeadLetter> list(@RequestParam(required = false) String tenantId,
                          @RequestParam(required = false) String channel,
                          @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiProblem.badRequest("limit must be between 1 and 1000");
        }
        return deadLetters.list(tenantId, channel, limit);
    }

    @Operation(summary = "Put a dead letter back on its original queue, once")
    @PostMapping("/admin/v1/dead-letters/{id}/replay")
    ResponseEntity<DeadLetter> replay(@PathVariable String id) {
        DeadLetter letter = deadLetters.find(id).orElseThrow(() -> ApiProblem.notFound("no such dead letter"));
        switch (replay.replay(letter)) {
            case ALREADY_REPLAYED -> throw new ApiProblem(HttpStatus.CONFLICT, "this dead letter was replayed already");
            case NO_FLOW -> throw new ApiProblem(HttpStatus.CONFLICT,
                    "this dead letter came from " + letter.originalQueue() + ", which is none of the hub's flows");
            case REPLAYED -> { }
        }
        return ResponseEntity.accepted().body(deadLetters.find(id).orElseThrow());
    }
}

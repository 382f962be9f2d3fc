package io.channelhub.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.app.media.MediaStore;
import io.channelhub.app.outbound.MessagePreview;
import io.channelhub.app.outbound.MessageRevocation;
import io.channelhub.app.outbound.SubmissionService;
import io.channelhub.app.persistence.FallbackRepository;
import io.channelhub.app.persistence.MediaRepository;
import io.channelhub.app.persistence.MessageRecord;
import io.channelhub.app.persistence.MessageRepository;
import io.channelhub.app.persistence.StatusEntry;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.model.OutboundSubmission;
import io.channelhub.routes.SubmitFlow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The core platform's API: submit outbound messages, read their status, fetch inbound media. */
@RestController
@Tag(name = "platform", description = "For the core platform; bearer token with role platform")
class MessageController {
    private final SubmitFlow submitFlow;
    private final SubmissionService submissions;
    private final MessageRepository messages;
    private final MediaRepository media;
    private final MediaStore store;
    private final MessageRevocation revocation;
    private final MessagePreview preview;
    private final FallbackRepository fallbacks;

    MessageController(SubmitFlow submitFlow, SubmissionService submissions, MessageRepository messages,
                      MediaRepository media, MediaStore store, MessageRevocation revocation, MessagePreview preview,
                      FallbackRepository fallbacks) {
        this.submitFlow = submitFlow;
        this.submissions = submissions;
        this.messages = messages;
        this.media = media;
        this.store = store;
        this.revocation = revocation;
        this.preview = preview;
        this.fallbacks = fallbacks;
    }

    @Operation(summary = "Submit an outbound message; 202 once it is durably queued")
    @PostMapping(path = "/api/v1/tenants/{tenantId}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SubmissionService.Answer> submit(@PathVariable String tenantId, @RequestBody OutboundSubmission body,
                                                    @RequestHeader(name = "Idempotency-Key", required = false)
                                                    String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
            throw ApiProblem.badRequest("Idempotency-Key must be 1 to 255 characters");
        }
        requireSameTenant(tenantId, body);
        SubmissionService.Command command = new SubmissionService.Command(body.withTenant(tenantId), idempotencyKey,
                null);
        SubmissionService.Answer answer = submitFlow.submit(() -> submissions.submit(command));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
    }

    @Operation(summary = "What a submission would send on each channel of its fallback chain and whether the gate"
            + " would let it go now; sends, stores and counts nothing")
    @PostMapping(path = "/api/v1/tenants/{tenantId}/messages/preview", consumes = MediaType.APPLICATION_JSON_VALUE)
    MessagePreview.Preview preview(@PathVariable String tenantId, @RequestBody OutboundSubmission body) {
        requireSameTenant(tenantId, body);
        return preview.preview(body.withTenant(tenantId));
    }

    private static void requireSameTenant(String tenantId, OutboundSubmission body) {
        if (body.tenantId() != null && !body.tenantId().equals(tenantId)) {
            throw ApiProblem.badRequest("tenantId in the body differs from the path");
        }
    }

    /**
     * A message with its status history, and where its fallback chain stands if it has one: {@code pending}
     * (until {@code deadline} when the next attempt is timed), {@code attempted} ({@code attempt}), {@code cancelled}
     * (delivered, or taken back) or {@code ended} (it ended in a way the next attempt is not for).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessageView(String id, String status, String conversationId, String providerMessageId,
                       String category, JsonNode message, List<StatusEntry> history, FallbackView fallback) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FallbackView(String state, Instant deadline, String attempt) {
    }

    @Operation(summary = "A message and its status history")
    @GetMapping("/api/v1/tenants/{tenantId}/messages/{id}")
    MessageView status(@PathVariable String tenantId, @PathVariable String id) throws IOException {
        MessageRecord r = messages.find(tenantId, id).orElseThrow(() -> ApiProblem.notFound("no such message"));
        JsonNode body = r.body() == null ? null : HubJson.mapper().readTree(r.body());
        return new MessageView(r.id(), r.status().wireName(), r.conversationId(), r.providerMessageId(), r.category(),
                body, messages.history(r.id()), fallbacks.find(r.id()).map(f -> new FallbackView(f.state().wireName(),
                        f.deadline(), f.attemptId())).orElse(null));
    }

    @Operation(summary = "Take back an outbound message that was not delivered, where the channel can")
    @DeleteMapping("/api/v1/tenants/{tenantId}/messages/{id}")
    Map<String, Boolean> revoke(@PathVariable String tenantId, @PathVariable String id) {
        MessageRevocation.Result result;
        try {
            result = revocation.revoke(tenantId, id);
        } catch (TransientChannelException e) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "the provider could not be asked; try again");
        } catch (PermanentChannelException e) {
            throw new ApiProblem(HttpStatus.BAD_GATEWAY, "the provider refused to take the message back ("
                    + e.reasonCode() + ")");
        }
        return switch (result) {
            case REVOKED -> Map.of("revoked", true);
            case NOT_FOUND -> throw ApiProblem.notFound("no such outbound message");
            case ALREADY_DELIVERED -> throw new ApiProblem(HttpStatus.CONFLICT, "the message was delivered already");
            case ALREADY_ENDED -> throw new ApiProblem(HttpStatus.CONFLICT, "the message ended failed or rejected");
            case CHANNEL_CANNOT_REVOKE -> throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY,
                    "this message's channel cannot take messages back");
        };
    }

    @Operation(summary = "Inbound media stored by the hub")
    @GetMapping("/api/v1/tenants/{tenantId}/media/{id}")
    ResponseEntity<InputStreamResource> media(@PathVariable String tenantId, @PathVariable String id)
            throws IOException {
        MediaRepository.MediaInfo info = media.find(tenantId, id)
                .orElseThrow(() -> ApiProblem.notFound("no such media"));
        InputStream content = store.open(tenantId, id).orElseThrow(() -> ApiProblem.notFound("media erased"));
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentLength(info.sizeBytes())
                .contentType(MediaType.parseMediaType(info.mimeType()))
                .header("X-Content-Type-Options", "nosniff");
        if (info.filename() != null) {
            answer.header("Content-Disposition", ContentDisposition.attachment()
                    .filename(info.filename(), java.nio.charset.StandardCharsets.UTF_8).build().toString());
        }
        return answer.body(new InputStreamResource(content));
    }
}

package io.channelhub.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.app.persistence.MessageRecord;
import io.channelhub.app.persistence.MessageRepository;
import io.channelhub.app.persistence.StatusEntry;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.spi.Secrets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The console's messages: a search by tenant, channel, contact, status, direction and time, newest first and
 * paged by the global order; and one message with its content, status history and conversation around it.
 */
@Controller
class MessagePagesController {
    static final int PAGE_SIZE = 50;
    static final int NEIGHBOURS = 10;
    private final MessageRepository messages;
    private final MessageRedaction redaction;

    MessagePagesController(MessageRepository messages, MessageRedaction redaction) {
        this.messages = messages;
        this.redaction = redaction;
    }

    @GetMapping("/console/messages")
    String search(@ModelAttribute("form") MessageSearchForm form, @RequestParam(required = false) Long before,
                  @RequestParam(required = false) Long after, Model model) {
        MessageSearchForm.Parsed parsed = form.parse();
        boolean backwards = before == null && after != null;
        List<MessageRecord> found = new ArrayList<>(messages.search(parsed.search(), before, after, PAGE_SIZE + 1));
        boolean more = found.size() > PAGE_SIZE;
        if (more) {
            // the extra row lies beyond the page: the oldest going forwards, the newest going backwards
            found.remove(backwards ? 0 : found.size() - 1);
        }
        boolean hasOlder = backwards || more;
        boolean hasNewer = backwards ? more : before != null;
        List<MessageRow> rows = found.stream().map(MessageRow::of).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("problems", parsed.problems());
        model.addAttribute("statuses", Arrays.stream(DeliveryStatus.values()).map(DeliveryStatus::wireName).toList());
        model.addAttribute("olderLink", hasOlder && !rows.isEmpty()
                ? form.link("before", rows.get(rows.size() - 1).seq()) : null);
        model.addAttribute("newerLink", hasNewer && !rows.isEmpty() ? form.link("after", rows.get(0).seq()) : null);
        model.addAttribute("newestLink", before != null || after != null ? form.link(null, null) : null);
        return "console/messages";
    }

    /** One entry of the timeline. */
    record HistoryStep(String status, String time, String reasonCode, String detail, String providerCode) {
    }

    @GetMapping("/console/messages/{id}")
    String message(@PathVariable String id, Model model) {
        MessageRecord r = messages.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such message"));
        Secrets secrets = redaction.secretsOf(r.tenantId(), r.channel());
        JsonNode content = MessageRow.content(r.body());
        model.addAttribute("m", r);
        model.addAttribute("row", MessageRow.of(r));
        model.addAttribute("createdAt", MessageRow.time(r.createdAt()));
        model.addAttribute("updatedAt", MessageRow.time(r.updatedAt()));
        model.addAttribute("text", content == null ? null
                : secrets.redact(MessageRow.firstText(content, "text", "caption", "subject", "title", "filename")));
        model.addAttribute("contentType", content == null ? null : content.path("type").asText(null));
        model.addAttribute("canonical", pretty(secrets, r.body()));
        model.addAttribute("metadata", metadata(secrets, r.body()));
        model.addAttribute("lastError", secrets.redact(r.lastError()));
        List<StatusEntry> history = messages.history(r.id());
        model.addAttribute("history", history.stream().map(h -> new HistoryStep(h.status().wireName(),
                MessageRow.time(h.at()), h.reasonCode(), secrets.redact(h.detail()), h.providerCode())).toList());
        model.addAttribute("earlier", messages.around(r.conversationId(), r.seq(), true, NEIGHBOURS).stream()
                .map(MessageRow::of).toList());
        model.addAttribute("later", messages.around(r.conversationId(), r.seq(), false, NEIGHBOURS).stream()
                .map(MessageRow::of).toList());
        return "console/message";
    }

    /** The platform's metadata of the message (its own keys and values), redacted like everything else. */
    record MetadataEntry(String key, String value) {
    }

    private List<MetadataEntry> metadata(Secrets secrets, String body) {
        List<MetadataEntry> entries = new ArrayList<>();
        if (body == null) {
            return entries;
        }
        try {
            JsonNode metadata = HubJson.mapper().readTree(body).path("metadata");
            metadata.fields().forEachRemaining(e -> entries.add(new MetadataEntry(e.getKey(), redaction.value(secrets,
                    e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()))));
        } catch (IOException e) {
            // not JSON: the canonical view below shows the text as it is
        }
        return entries;
    }

    private String pretty(Secrets secrets, String body) {
        if (body == null) {
            return null;
        }
        try {
            return HubJson.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(redaction.json(secrets, HubJson.mapper().readTree(body)));
        } catch (IOException e) {
            return secrets.redact(body);
        }
    }
}

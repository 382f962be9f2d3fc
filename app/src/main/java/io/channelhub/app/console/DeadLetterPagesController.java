package io.channelhub.app.console;

import io.channelhub.app.flow.DeadLetterReplay;
import io.channelhub.app.persistence.DeadLetter;
import io.channelhub.app.persistence.DeadLetterRepository;
import io.channelhub.app.persistence.MessageRepository;
import io.channelhub.routes.port.Flow;
import io.channelhub.routes.port.Flows;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's dead letters: filtered and paged, one with its redacted payload and what became of it after a
 * replay, and replay, of one or of a filtered selection after a page that shows how many. Replay is the hub's
 * own {@link DeadLetterReplay}, as the admin API uses it.
 */
@Controller
class DeadLetterPagesController {
    static final int PAGE_SIZE = 50;
    /** At most this many dead letters in one replay of a selection; the confirmation page says so. */
    static final int SELECTION_LIMIT = 500;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterPagesController.class);
    private final DeadLetterRepository deadLetters;
    private final MessageRepository messages;
    private final DeadLetterReplay replay;
    private final MessageRedaction redaction;
    private final Flows flows;
    private final Clock clock;

    DeadLetterPagesController(DeadLetterRepository deadLetters, MessageRepository messages, DeadLetterReplay replay,
                              MessageRedaction redaction, Flows flows, Clock clock) {
        this.deadLetters = deadLetters;
        this.messages = messages;
        this.replay = replay;
        this.redaction = redaction;
        this.flows = flows;
        this.clock = clock;
    }

    /** A line of the list. */
    record Row(String id, String createdAt, String tenantId, String channel, String reasonCode, String queue,
               int attempts, String replayedAt) {
        static Row of(DeadLetter d) {
            return new Row(d.id(), MessageRow.time(d.createdAt()), d.tenantId(), d.channel(), d.reasonCode(),
                    d.originalQueue(), d.attempts(), d.replayedAt() == null ? null : MessageRow.time(d.replayedAt()));
        }
    }

    @GetMapping("/console/dead-letters")
    String list(@ModelAttribute("form") DeadLetterFilterForm form, @RequestParam(defaultValue = "0") int page,
                Model model) {
        DeadLetterFilterForm.Parsed parsed = form.parse(clock.instant());
        int p = Math.max(0, page);
        long total = deadLetters.count(parsed.search());
        model.addAttribute("rows", deadLetters.search(parsed.search(), p * PAGE_SIZE, PAGE_SIZE).stream()
                .map(Row::of).toList());
        model.addAttribute("total", total);
        model.addAttribute("problems", parsed.problems());
        model.addAttribute("reasons", deadLetters.reasonCodes());
        model.addAttribute("page", p);
        model.addAttribute("olderLink", (long) (p + 1) * PAGE_SIZE < total
                ? form.link("/console/dead-letters", "page", p + 1) : null);
        model.addAttribute("newerLink", p > 0 ? form.link("/console/dead-letters", "page", p - 1) : null);
        model.addAttribute("pending", deadLetters.count(parsed.search().unreplayed()));
        model.addAttribute("selectionLink", form.link("/console/dead-letters/replay-selection", null, null));
        return "console/dead-letters";
    }

    @GetMapping("/console/dead-letters/{id}")
    String letter(@PathVariable String id, Model model) {
        DeadLetter d = find(id);
        model.addAttribute("view", DeadLetterView.of(d, redaction));
        if (d.replayedAt() != null) {
            model.addAttribute("outcome", outcome(d));
        }
        return "console/dead-letter";
    }

    /**
     * What became of a replayed letter: for a dispatch, the message and its current status; for an intake payload,
     * the inbound messages recorded since the replay whose provider message id the payload carries.
     */
    record Outcome(String replayedAt, String queue, MessageRow message, boolean messageGone,
                   List<MessageRow> produced, boolean intake) {
    }

    private Outcome outcome(DeadLetter d) {
        MessageRow message = null;
        boolean gone = false;
        if (d.messageId() != null) {
            Optional<MessageRow> row = messages.find(d.messageId()).map(MessageRow::of);
            message = row.orElse(null);
            gone = row.isEmpty();
        }
        List<MessageRow> produced = new ArrayList<>();
        boolean intake = flows.flowOf(d.originalQueue()) == Flow.NORMALIZE;
        if (intake && d.tenantId() != null && d.channel() != null && !"base64".equals(d.bodyEncoding())) {
            messages.inboundSince(d.tenantId(), d.channel(), d.replayedAt(), 500).stream()
                    .filter(m -> m.providerMessageId() != null && d.body().contains(m.providerMessageId()))
                    .map(MessageRow::of).forEach(produced::add);
        }
        return new Outcome(MessageRow.time(d.replayedAt()), d.originalQueue(), message, gone, produced, intake);
    }

    @PostMapping("/console/dead-letters/{id}/replay")
    String replayOne(@PathVariable String id, Authentication who, RedirectAttributes redirect) {
        DeadLetter d = find(id);
        DeadLetterReplay.Result result = replay.replay(d);
        LOG.info("Console: dead letter {} {} by {}", id, result, who.getName());
        redirect.addFlashAttribute("notice", switch (result) {
            case REPLAYED -> "Replayed onto " + d.originalQueue() + ".";
            case ALREADY_REPLAYED -> "This dead letter was replayed already; it is replayed at most once.";
            case NO_FLOW -> "This dead letter came from " + d.originalQueue() + ", none of the hub's flows: "
                    + "there is nowhere to replay it.";
        });
        return "redirect:/console/dead-letters/" + id;
    }

    @GetMapping("/console/dead-letters/replay-selection")
    String confirmSelection(@ModelAttribute("form") DeadLetterFilterForm form, Model model) {
        DeadLetterFilterForm.Parsed parsed = form.parse(clock.instant());
        DeadLetterRepository.Search pending = parsed.search().unreplayed();
        long count = deadLetters.count(pending);
        List<String> ids = deadLetters.ids(pending, SELECTION_LIMIT);
        model.addAttribute("problems", parsed.problems());
        model.addAttribute("count", count);
        model.addAttribute("ids", ids);
        model.addAttribute("limited", count > ids.size());
        model.addAttribute("sample", deadLetters.search(pending, 0, 20).stream().map(Row::of).toList());
        model.addAttribute("backLink", form.link("/console/dead-letters", null, null));
        return "console/dead-letter-replay";
    }

    /**
     * Replays exactly the letters the confirmation page listed (their ids came with the form), each only if it
     * has not been replayed since: a letter that arrived after the page was shown waits for another selection.
     */
    @PostMapping("/console/dead-letters/replay-selection")
    String replaySelection(@RequestParam(name = "id", required = false) List<String> ids,
                           @RequestParam(required = false) String back, Authentication who,
                           RedirectAttributes redirect) {
        int replayed = 0;
        int skipped = 0;
        List<String> chosen = ids == null ? List.of() : ids.stream().distinct().limit(SELECTION_LIMIT).toList();
        for (String id : chosen) {
            Optional<DeadLetter> d = deadLetters.find(id);
            if (d.isPresent() && replay.replay(d.get()) == DeadLetterReplay.Result.REPLAYED) {
                replayed++;
            } else {
                skipped++;
            }
        }
        LOG.info("Console: {} dead letter(s) replayed, {} skipped, by {}", replayed, skipped, who.getName());
        redirect.addFlashAttribute("notice", "Replayed " + replayed + " dead letter" + (replayed == 1 ? "" : "s")
                + (skipped > 0 ? "; " + skipped + " had been replayed already or are gone." : "."));
        return "redirect:" + (back != null && back.startsWith("/console/dead-letters") ? back : "/console/dead-letters");
    }

    private DeadLetter find(String id) {
        return deadLetters.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such dead letter"));
    }
}

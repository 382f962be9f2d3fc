package io.channelhub.app.console;

import io.channelhub.app.persistence.MessageRepository;
import io.channelhub.core.model.DeliveryStatus;
import io.channelhub.core.model.Direction;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The message search as the form sends it (every field optional; times in UTC, as a date, a date and time, or
 * an ISO instant), and what could not be understood. Carried into the paging links unchanged.
 */
record MessageSearchForm(String tenant, String channel, String contact, String status, String direction,
                         String from, String to) {

    MessageSearchForm {
        tenant = blankToNull(tenant);
        channel = blankToNull(channel);
        contact = blankToNull(contact);
        status = blankToNull(status);
        direction = blankToNull(direction);
        from = blankToNull(from);
        to = blankToNull(to);
    }

    /** The repository's search, and the problems with the form (fields left out of the search). */
    record Parsed(MessageRepository.Search search, List<String> problems) {
    }

    Parsed parse() {
        List<String> problems = new ArrayList<>();
        DeliveryStatus s = null;
        if (status != null) {
            try {
                s = DeliveryStatus.fromWire(status);
            } catch (IllegalArgumentException e) {
                problems.add("Unknown status " + status + ".");
            }
        }
        Direction d = null;
        if (direction != null) {
            try {
                d = Direction.valueOf(direction.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("Direction is inbound or outbound.");
            }
        }
        Instant f = time(from, "From", problems);
        Instant t = time(to, "To", problems);
        return new Parsed(new MessageRepository.Search(tenant, channel, contact, s, d, f, t), problems);
    }

    /** "2026-12-04", "2026-12-04T21:30" (what a datetime-local field sends) or "2026-12-04T21:30:00Z", in UTC. */
    static Instant time(String value, String label, List<String> problems) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (v.endsWith("Z") || v.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return java.time.OffsetDateTime.parse(v).toInstant();
            }
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            problems.add(label + " is not a time (use 2026-12-04 or 2026-12-04T21:30, UTC).");
            return null;
        }
    }

    /** The link to this search with the paging parameter given. */
    String link(String pageParam, Object pageValue) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/console/messages");
        param(b, "tenant", tenant);
        param(b, "channel", channel);
        param(b, "contact", contact);
        param(b, "status", status);
        param(b, "direction", direction);
        param(b, "from", from);
        param(b, "to", to);
        if (pageParam != null) {
            b.queryParam(pageParam, pageValue);
        }
        return b.encode().build().toUriString();
    }

    private static void param(UriComponentsBuilder b, String name, String value) {
        if (value != null) {
            b.queryParam(name, value);
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

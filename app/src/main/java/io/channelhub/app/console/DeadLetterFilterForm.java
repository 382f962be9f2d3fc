package io.channelhub.app.console;

import io.channelhub.app.persistence.DeadLetterRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The dead-letter filters as the form sends them: tenant, channel, reason code, age ("older than" / "newer
 * than" a duration such as {@code 30m}, {@code 6h}, {@code 7d}) and state ({@code pending}, {@code replayed},
 * or all).
 */
record DeadLetterFilterForm(String tenant, String channel, String reason, String olderThan, String newerThan,
                            String state) {
    private static final Pattern AGE = Pattern.compile("(\\d{1,6})\\s*([mhd])");

    DeadLetterFilterForm {
        tenant = MessageSearchForm.blankToNull(tenant);
        channel = MessageSearchForm.blankToNull(channel);
        reason = MessageSearchForm.blankToNull(reason);
        olderThan = MessageSearchForm.blankToNull(olderThan);
        newerThan = MessageSearchForm.blankToNull(newerThan);
        state = MessageSearchForm.blankToNull(state);
    }

    record Parsed(DeadLetterRepository.Search search, List<String> problems) {
    }

    Parsed parse(Instant now) {
        List<String> problems = new ArrayList<>();
        Duration older = age(olderThan, "Older than", problems);
        Duration newer = age(newerThan, "Newer than", problems);
        Boolean replayed = state == null || "all".equals(state) ? null
                : "replayed".equals(state) ? Boolean.TRUE : "pending".equals(state) ? Boolean.FALSE : null;
        return new Parsed(new DeadLetterRepository.Search(tenant, channel, reason,
                older == null ? null : now.minus(older), newer == null ? null : now.minus(newer), replayed), problems);
    }

    static Duration age(String value, String label, List<String> problems) {
        if (value == null) {
            return null;
        }
        Matcher m = AGE.matcher(value.strip());
        if (!m.matches()) {
            problems.add(label + " takes an age such as 30m, 6h or 7d.");
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    boolean any() {
        return tenant != null || channel != null || reason != null || olderThan != null || newerThan != null;
    }

    /** A link to {@code path} with these filters (and one more parameter when given). */
    String link(String path, String extraParam, Object extraValue) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
        param(b, "tenant", tenant);
        param(b, "channel", channel);
        param(b, "reason", reason);
        param(b, "olderThan", olderThan);
        param(b, "newerThan", newerThan);
        param(b, "state", state);
        if (extraParam != null) {
            b.queryParam(extraParam, extraValue);
        }
        return b.encode().build().toUriString();
    }

    private static void param(UriComponentsBuilder b, String name, String value) {
        if (value != null) {
            b.queryParam(name, value);
        }
    }
}

package io.channelhub.app.outbound;

import io.channelhub.app.registry.ConnectorCatalog;
import io.channelhub.core.model.FallbackAttempt;
import io.channelhub.core.model.FallbackCondition;
import io.channelhub.core.model.OutboundSubmission;
import io.channelhub.core.model.ReasonCodes;
import io.channelhub.core.spi.ChannelDescriptor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A submission's {@code fallback} list read as what it means: the original, then each further attempt as a
 * submission of its own on its channel. An attempt's {@code to} and {@code content} default to the original's
 * where they fit its channel; a {@code within} from 10 s to 72 h belongs to {@code not_delivered_within}, and
 * only to it (PROTOCOLS §10.3: Sinch's 10 s to 72 h window).
 */
final class FallbackChain {
    static final int MAX_ATTEMPTS = 5;
    static final Duration MIN_WITHIN = Duration.ofSeconds(10);
    static final Duration MAX_WITHIN = Duration.ofHours(72);

    private FallbackChain() {
    }

    /** One step of the chain: what is sent, and what moves the step before it on to this one (none for the first). */
    record Step(OutboundSubmission submission, FallbackAttempt attempt) {
    }

    /** The validated chain, the original first; a submission that makes no sense is refused with a 400. */
    static List<Step> of(OutboundSubmission original, ConnectorCatalog catalog, Instant now) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(original, null));
        checkLength(original.fallback());
        for (int i = 0; i < original.fallback().size(); i++) {
            String where = "fallback[" + i + "]";
            FallbackAttempt attempt = original.fallback().get(i);
            ChannelDescriptor channel = channelOf(attempt, where, catalog);
            checkConditions(attempt, where);
            OutboundSubmission s;
            try {
                s = OutboundValidator.validate(submission(original, attempt), channel, now);
            } catch (SubmissionRejected e) {
                String defaulted = (attempt.to() == null ? " ('to' defaults to the original's)" : "")
                        + (attempt.content() == null ? " ('content' defaults to the original's)" : "");
                throw new SubmissionRejected(400, e.reasonCode(), where + ": " + e.getMessage() + defaulted);
            }
            steps.add(new Step(s, attempt));
        }
        return steps;
    }

    static void checkLength(List<FallbackAttempt> attempts) {
        if (attempts.size() > MAX_ATTEMPTS) {
            throw invalid("at most " + MAX_ATTEMPTS + " fallback attempts");
        }
    }

    /** The attempt's channel; a missing or unknown one is a 400 naming the attempt. */
    static ChannelDescriptor channelOf(FallbackAttempt attempt, String where, ConnectorCatalog catalog) {
        if (attempt == null || attempt.channel() == null) {
            throw invalid(where + ".channel is required");
        }
        return catalog.find(attempt.channel()).map(c -> c.descriptor())
                .orElseThrow(() -> invalid(where + ".channel: unknown channel '" + attempt.channel() + "'"));
    }

    static void checkConditions(FallbackAttempt attempt, String where) {
        if (attempt.on().isEmpty()) {
            throw invalid(where + ".on needs at least one of not_reachable, rejected, failed, not_delivered_within");
        }
        boolean timed = attempt.on().contains(FallbackCondition.NOT_DELIVERED_WITHIN);
        if (timed && attempt.within() == null) {
            throw invalid(where + ".within is required with not_delivered_within (an ISO-8601 duration, e.g. PT10M)");
        }
        if (!timed && attempt.within() != null) {
            throw invalid(where + ".within applies only with not_delivered_within");
        }
        if (timed && (attempt.within().compareTo(MIN_WITHIN) < 0 || attempt.within().compareTo(MAX_WITHIN) > 0)) {
            throw invalid(where + ".within must be from 10 s (PT10S) to 72 h (PT72H)");
        }
    }

    /**
     * The attempt as a submission: the original's category, metadata, author and expiry; its channel, and its
     * own address and content where given. A reply reference and a message tag name things of the original's
     * channel only, so they stay behind.
     */
    private static OutboundSubmission submission(OutboundSubmission o, FallbackAttempt a) {
        return new OutboundSubmission(o.tenantId(), a.channel(), null, a.to() != null ? a.to() : o.to(),
                a.content() != null ? a.content() : o.content(), o.category(), null, o.metadata(), o.sentBy(), null,
                o.expireAt(), null);
    }

    private static SubmissionRejected invalid(String detail) {
        return new SubmissionRejected(400, ReasonCodes.INVALID_REQUEST, detail);
    }
}

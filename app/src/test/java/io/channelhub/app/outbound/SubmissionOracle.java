package io.channelhub.app.outbound;

import io.channelhub.core.model.OutboundSubmission;
import io.channelhub.core.spi.ChannelDescriptor;

/**
 * For generated bad-input corpora: whether the hub's own submission rules ({@link OutboundValidator}) would
 * let a submission through, so a generator can tell its invalid cases from the ones a mutation left valid.
 */
public final class SubmissionOracle {
    private SubmissionOracle() {
    }

    /** True when validation passes; false when it refuses, or fails in any other way. */
    public static boolean passesValidation(OutboundSubmission submission, ChannelDescriptor channel) {
        try {
            OutboundValidator.validate(submission, channel, java.time.Instant.now());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}

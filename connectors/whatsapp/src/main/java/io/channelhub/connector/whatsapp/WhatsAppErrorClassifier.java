package io.channelhub.connector.whatsapp;

import io.channelhub.connector.meta.GraphErrorTable;
import io.channelhub.connector.meta.GraphFailureKind;

/**
 * WhatsApp's Graph error codes on top of the Meta family's: the one table of what may be retried, for failed
 * calls and for {@code failed} status webhooks alike. Codes from
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes (PROTOCOLS.md
 * §1.9).
 */
final class WhatsAppErrorClassifier {

    static final GraphErrorTable TABLE = GraphErrorTable.metaPlatform()
            // pair rate: too many messages to one user; retried later
            .with(GraphFailureKind.RATE_LIMITED, 131056)
            // Meta-side failures
            .with(GraphFailureKind.UNAVAILABLE, 131000, 131016)
            // more than 24 h since the user's last message: only a template may be sent
            .with(GraphFailureKind.OUTSIDE_SERVICE_WINDOW, 131047)
            // undeliverable to this number: not a WhatsApp user, an old client, terms not accepted (PROTOCOLS §1.9).
            // The contact cannot be reached on WhatsApp, which is what moves a fallback chain on to SMS.
            .with(GraphFailureKind.NOT_REACHABLE, 131026)
            // template mismatch, unsupported or broken media, and the policy/quality throttles
            // (131048 spam limit, 131049 marketing cap) that must not be blindly retried
            .with(GraphFailureKind.REJECTED, 132000, 132001, 131008, 131009, 131051, 131052, 131053,
                    131048, 131049)
            // 10 and the 200 family are permission errors of one call, not a dead token on WhatsApp
            .with(GraphFailureKind.REJECTED, 10)
            .withHundreds(200, GraphFailureKind.REJECTED);

    private WhatsAppErrorClassifier() {
    }

    /** The {@code reason.code} of a {@code failed} status webhook carrying this Graph code. */
    static String reasonCodeOf(Integer code) {
        return TABLE.reasonCodeOf(code, null);
    }
}

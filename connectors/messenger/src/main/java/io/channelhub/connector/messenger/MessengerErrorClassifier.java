package io.channelhub.connector.messenger;

import io.channelhub.connector.meta.GraphErrorTable;
import io.channelhub.connector.meta.GraphFailureKind;

/**
 * Messenger's Send API codes on top of the Meta family's (PROTOCOLS.md §2.7 as corrected by §10.1), by
 * (code, subcode): https://developers.facebook.com/documentation/business-messaging/messenger-platform/error-codes
 */
final class MessengerErrorClassifier {

    static final GraphErrorTable TABLE = GraphErrorTable.metaPlatform()
            // outside the 24 h window without a valid message tag
            .withSubcode(10, 2018278, GraphFailureKind.OUTSIDE_SERVICE_WINDOW)
            // other permission refusals of one send, e.g. 10/1893063 the Page is restricted from sending
            .with(GraphFailureKind.REJECTED, 10)
            // "This person isn't available right now": blocked the Page or turned messages off (subcode 1545041)
            .with(GraphFailureKind.NOT_REACHABLE, 551)
            // temporary send failure
            .with(GraphFailureKind.UNAVAILABLE, 1200)
            // 199: Advanced Access or verification missing; 200-299: a permission the token lacks or lost
            .with(GraphFailureKind.CREDENTIALS, 199)
            .withHundreds(200, GraphFailureKind.CREDENTIALS);

    private MessengerErrorClassifier() {
    }
}

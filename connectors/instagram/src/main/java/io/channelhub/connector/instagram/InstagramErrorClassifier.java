package io.channelhub.connector.instagram;

import io.channelhub.connector.meta.GraphErrorTable;
import io.channelhub.connector.meta.GraphFailureKind;

/**
 * Instagram's send codes on top of the Meta family's (PROTOCOLS.md §10.1), by (code, subcode), the same in both
 * setups: https://developers.facebook.com/documentation/business-messaging/messenger-platform/error-codes
 */
final class InstagramErrorClassifier {

    static final GraphErrorTable TABLE = GraphErrorTable.metaPlatform()
            // outside the 24 h window: Instagram answers 10/2534022, the Messenger API for Instagram may
            // answer Messenger's 10/2018278
            .withSubcode(10, 2534022, GraphFailureKind.OUTSIDE_SERVICE_WINDOW)
            .withSubcode(10, 2018278, GraphFailureKind.OUTSIDE_SERVICE_WINDOW)
            // Standard Access: the person has no role on the app, so cannot be messaged yet
            .withSubcode(10, 2018108, GraphFailureKind.NOT_REACHABLE)
            // other permission refusals of one send
            .with(GraphFailureKind.REJECTED, 10)
            // the person is not available: blocked the account or turned messages off
            .with(GraphFailureKind.NOT_REACHABLE, 551)
            // temporary send failure
            .with(GraphFailureKind.UNAVAILABLE, 1200)
            // 199: Advanced Access or verification missing; 200-299: a permission the token lacks or lost
            .with(GraphFailureKind.CREDENTIALS, 199)
            .withHundreds(200, GraphFailureKind.CREDENTIALS);

    private InstagramErrorClassifier() {
    }
}

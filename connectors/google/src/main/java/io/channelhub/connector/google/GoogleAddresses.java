package io.channelhub.connector.google;

import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.Party;
import io.channelhub.core.model.ReasonCodes;
import java.util.regex.Pattern;

/** RBM addresses users by E.164 number, which becomes a path segment of the API URL. */
final class GoogleAddresses {
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{7,14}");

    private GoogleAddresses() {
    }

    static boolean isE164(String value) {
        return value != null && E164.matcher(value).matches();
    }

    static String requireE164(Party to) {
        String address = to == null || to.address() == null ? null : to.address().trim();
        if (!isE164(address)) {
            throw new PermanentChannelException(ReasonCodes.INVALID_ADDRESS, null,
                    "an RBM recipient must be an E.164 phone number");
        }
        return address;
    }
}

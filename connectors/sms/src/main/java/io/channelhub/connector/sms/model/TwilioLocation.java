package io.channelhub.connector.sms.model;

import java.util.Optional;

/**
 * A location a contact shared over WhatsApp through Twilio: {@code Latitude}, {@code Longitude} and, for
 * a named place, {@code Address} and {@code Label}. https://www.twilio.com/docs/messaging/guides/webhook-request
 */
public record TwilioLocation(double latitude, double longitude, String address, String label) {

    /** The form's location, when it carries coordinates that are on the globe. */
    public static Optional<TwilioLocation> of(TwilioForm form) {
        Optional<Double> latitude = form.text("Latitude").flatMap(v -> degrees(v, 90));
        Optional<Double> longitude = form.text("Longitude").flatMap(v -> degrees(v, 180));
        if (latitude.isEmpty() || longitude.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TwilioLocation(latitude.get(), longitude.get(), form.text("Address").orElse(null),
                form.text("Label").orElse(null)));
    }

    private static Optional<Double> degrees(String value, double limit) {
        try {
            double degrees = Double.parseDouble(value.trim());
            return Math.abs(degrees) <= limit ? Optional.of(degrees) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

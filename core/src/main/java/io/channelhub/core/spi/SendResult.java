package io.channelhub.core.spi;

/**
 * A provider's acceptance of a message.
 *
 * @param providerMessageId the provider's id, used to match later status reports
 * @param billableUnits     what the provider bills for (SMS segments; 1 elsewhere)
 */
public record SendResult(String providerMessageId, int billableUnits) {
    public static SendResult of(String providerMessageId) {
        return new SendResult(providerMessageId, 1);
    }
}

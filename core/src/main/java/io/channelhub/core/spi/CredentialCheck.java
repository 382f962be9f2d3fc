package io.channelhub.core.spi;

/**
 * Result of a connector's credential check.
 *
 * @param outcome what the provider said
 * @param detail  a short explanation for ops, without secrets
 */
public record CredentialCheck(Outcome outcome, String detail) {

    public static CredentialCheck ok(String detail) {
        return new CredentialCheck(Outcome.OK, detail);
    }

    public static CredentialCheck rejected(String detail) {
        return new CredentialCheck(Outcome.REJECTED, detail);
    }

    public static CredentialCheck unreachable(String detail) {
        return new CredentialCheck(Outcome.UNREACHABLE, detail);
    }

    public static CredentialCheck skipped(String detail) {
        return new CredentialCheck(Outcome.SKIPPED, detail);
    }

    public enum Outcome {
        /** The provider accepted the credentials. */
        OK,
        /** The provider refused them: the connector is unhealthy until fixed. */
        REJECTED,
        /** The provider could not be asked; nothing is known. */
        UNREACHABLE,
        /** The connector has no check. */
        SKIPPED
    }
}

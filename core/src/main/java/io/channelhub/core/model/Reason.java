package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why a message was rejected or failed.
 *
 * @param code         a stable snake_case word from {@link ReasonCodes}
 * @param detail       human-readable explanation; never contains secrets
 * @param providerCode the provider's own error code, if any
 * @param retryable    whether the hub considered the failure retryable
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reason(String code, String detail, String providerCode, Boolean retryable) {

    public static Reason of(String code, String detail) {
        return new Reason(code, detail, null, false);
    }
}

package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One end of a conversation: an address in the channel's own format (E.164 for whatsapp, sms and
 * google; PSID for messenger; Instagram-scoped id for instagram; RFC 5322 address for email) and an
 * optional display name.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Party(String address, String name) {

    @JsonCreator
    public Party(@JsonProperty("address") String address, @JsonProperty("name") String name) {
        this.address = address;
        this.name = name;
    }

    /** Submissions may give {@code "to": "+316…"} as a plain string. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Party of(String address) {
        return new Party(address, null);
    }
}

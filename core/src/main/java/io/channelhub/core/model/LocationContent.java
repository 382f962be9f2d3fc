package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A point on the map, optionally named. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LocationContent(double latitude, double longitude, String name, String address) implements Content {
    @Override
    public ContentType kind() {
        return ContentType.LOCATION;
    }
}

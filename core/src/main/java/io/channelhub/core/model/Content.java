package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Message content, one of the canonical types of CONTRACT §1, told apart on the wire by {@code type}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TextContent.class, name = "text"),
        @JsonSubTypes.Type(value = MediaContent.class, name = "media"),
        @JsonSubTypes.Type(value = LocationContent.class, name = "location"),
        @JsonSubTypes.Type(value = ChoiceContent.class, name = "choice"),
        @JsonSubTypes.Type(value = ChoiceResponseContent.class, name = "choice_response"),
        @JsonSubTypes.Type(value = TemplateContent.class, name = "template"),
        @JsonSubTypes.Type(value = ReactionContent.class, name = "reaction"),
        @JsonSubTypes.Type(value = ContactsContent.class, name = "contacts"),
        @JsonSubTypes.Type(value = CardContent.class, name = "card"),
        @JsonSubTypes.Type(value = CarouselContent.class, name = "carousel"),
        @JsonSubTypes.Type(value = UnsupportedContent.class, name = "unsupported")
})
public sealed interface Content
        permits TextContent, MediaContent, LocationContent, ChoiceContent, ChoiceResponseContent, TemplateContent,
        ReactionContent, ContactsContent, CardContent, CarouselContent, UnsupportedContent {

    @JsonIgnore
    ContentType kind();
}

package io.channelhub.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One option of a {@link ChoiceContent} or a {@link CardContent}: a reply (the {@code id} comes back in a
 * {@code choice_response}) or, with an {@code action}, a button that calls, opens a URL, shows a place, …
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Choice(String id, String title, ChoiceAction action) {

    /** A plain reply. */
    public Choice(String id, String title) {
        this(id, title, null);
    }

    /**
     * The option as one line of text: its title, and for an action its target ("Call us: +31201234567"), so a
     * channel without buttons still lets the person act.
     */
    public String asLine() {
        String target = action == null ? null : action.spelledOut();
        String name = title == null ? "" : title;
        if (target == null || target.isBlank() || name.contains(target)) {
            return name;
        }
        return name.isBlank() ? target : name + ": " + target;
    }
}

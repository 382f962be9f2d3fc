package io.channelhub.connector.telegram.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One Bot API call: the method ({@code sendMessage}, …) and its JSON parameters. */
public record BotApiRequest(String method, ObjectNode body) {
}

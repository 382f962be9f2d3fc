package io.channelhub.connector.meta;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.core.error.MalformedPayloadException;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.spi.InboundPayload;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A Meta webhook body, {@code {"object": <product>, "entry": [ … ]}}, on every Meta channel. One app's
 * webhook batches the entries of several accounts (numbers, Pages, Instagram accounts) into one body; on a
 * platform-wide URL the hub queues it once per account's tenant with {@link InboundPayload#ACCOUNT_HEADER},
 * and each copy keeps that account's events only. See
 * https://developers.facebook.com/docs/graph-api/webhooks/getting-started
 */
public final class MetaWebhookBatch {

    private MetaWebhookBatch() {
    }

    /** The entries of a body for {@code object}; throws when the body is not such a webhook at all. */
    public static List<JsonNode> entries(byte[] body, String object) {
        JsonNode root;
        try {
            root = HubJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new MalformedPayloadException(object + " webhook body is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPayloadException(object + " webhook body is not a JSON object");
        }
        if (!object.equals(root.path("object").asText()) || !root.path("entry").isArray()) {
            throw new MalformedPayloadException(
                    "not a " + object + " webhook: expected object=" + object + " and an entry array");
        }
        List<JsonNode> entries = new ArrayList<>();
        root.get("entry").forEach(entries::add);
        return entries;
    }

    /**
     * The distinct account ids of a body's entries, in order, as {@code idsOfEntry} finds them in each entry;
     * empty for anything unreadable (the request is then not routed, never failed here).
     */
    public static List<String> accountIds(byte[] body, String object, Function<JsonNode, List<String>> idsOfEntry) {
        try {
            List<String> ids = new ArrayList<>();
            for (JsonNode entry : entries(body, object)) {
                for (String id : idsOfEntry.apply(entry)) {
                    if (id != null && !ids.contains(id)) {
                        ids.add(id);
                    }
                }
            }
            return ids;
        } catch (MalformedPayloadException e) {
            return List.of();
        }
    }

    /** Every {@code entry[].id} of a body for {@code object}, in order; empty for anything unreadable. */
    public static List<String> entryIds(byte[] body, String object) {
        return accountIds(body, object, entry -> {
            String id = WebhookText.of(entry, "id");
            return id == null ? List.of() : List.of(id);
        });
    }

    /** False for an account's events in a copy the hub queued for another account of the same batch. */
    public static boolean isForThisCopy(InboundPayload payload, String accountId) {
        return payload.header(InboundPayload.ACCOUNT_HEADER).map(account -> account.equals(accountId)).orElse(true);
    }
}

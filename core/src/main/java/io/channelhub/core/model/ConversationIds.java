package io.channelhub.core.model;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * Derives the conversation id from (tenant, channel, contact key). Name-based, so every hub
 * instance derives the same id without coordination, and the id reveals nothing of the address.
 */
public final class ConversationIds {
    private ConversationIds() {
    }

    public static String derive(String tenantId, String channel, String contactKey) {
        String name = tenantId + '\n' + channel + '\n' + contactKey.trim().toLowerCase(Locale.ROOT);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}

package io.channelhub.connector.whatsapp;

import java.time.Instant;

/** Meta's webhook timestamps: unix seconds, sent as strings. */
final class WhatsAppTimestamps {
    private WhatsAppTimestamps() {
    }

    static Instant parse(String unixSeconds, Instant fallback) {
        if (unixSeconds == null) {
            return fallback;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(unixSeconds.trim()));
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}

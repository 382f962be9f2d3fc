package io.channelhub.app.inbound;

import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.MediaKind;
import java.util.Locale;
import java.util.Set;

/**
 * Checks that fetched media is what the message said it is: an image must be an image/* type, and so
 * on; documents and stickers are accepted from a list of safe types. Keeps an executable from arriving
 * labelled as a photo.
 */
final class MediaTypes {
    private static final Set<String> DOCUMENT_TYPES = Set.of("application/pdf", "application/msword",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.ms-excel",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-powerpoint",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation", "text/plain", "text/csv",
            "application/zip", "application/octet-stream", "text/vcard", "text/x-vcard");

    private MediaTypes() {
    }

    static void requireConsistent(MediaKind kind, String mimeType) {
        String mime = mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        boolean ok = switch (kind == null ? MediaKind.DOCUMENT : kind) {
            case IMAGE, STICKER -> mime.startsWith("image/");
            case AUDIO -> mime.startsWith("audio/");
            case VIDEO -> mime.startsWith("video/");
            case DOCUMENT -> DOCUMENT_TYPES.contains(mime) || mime.startsWith("image/") || mime.startsWith("audio/")
                    || mime.startsWith("video/") || mime.startsWith("text/");
        };
        if (!ok) {
            throw new PermanentChannelException("media_type_mismatch", null,
                    "media announced as " + kind + " has type " + mime);
        }
    }
}

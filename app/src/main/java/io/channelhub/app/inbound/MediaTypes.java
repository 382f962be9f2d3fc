package io.channelhub.app.inbound;

import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.model.MediaKind;
import java.util.Locale;

/**
 * Checks that fetched media is what the message said it is: an image must have an image/* type, audio
 * audio/*, video video/*, so that an executable cannot arrive labelled as a photo. A document may be of any
 * type (forwarded mail, archives, files only their name describes): refusing types it does not know would
 * drop real attachments, and a document is never shown as anything but a file.
 */
final class MediaTypes {

    private MediaTypes() {
    }

    static void requireConsistent(MediaKind kind, String mimeType) {
        String mime = mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        boolean ok = switch (kind == null ? MediaKind.DOCUMENT : kind) {
            case IMAGE, STICKER -> mime.startsWith("image/");
            case AUDIO -> mime.startsWith("audio/");
            case VIDEO -> mime.startsWith("video/");
            case DOCUMENT -> true;
        };
        if (!ok) {
            throw new PermanentChannelException("media_type_mismatch", null,
                    "media announced as " + kind + " has type " + mime);
        }
    }
}

package io.channelhub.app.media;

import io.channelhub.app.media.MediaStore.MediaTooLargeException;
import io.channelhub.app.media.MediaStore.StoredMedia;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A provider's media stream into a local file, stopped at the hub's limit, with its size and SHA-256. */
final class BoundedCopy {
    private BoundedCopy() {
    }

    static StoredMedia toFile(String id, InputStream content, Path file, long maxBytes) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long size;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
            size = copyAtMost(content, out, maxBytes);
        }
        return new StoredMedia(id, size, HexFormat.of().formatHex(sha.digest()));
    }

    private static long copyAtMost(InputStream in, OutputStream out, long maxBytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > maxBytes) {
                throw new MediaTooLargeException(maxBytes);
            }
            out.write(buffer, 0, n);
        }
        return total;
    }
}

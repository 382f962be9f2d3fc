package io.channelhub.app.media;

import io.channelhub.app.HubProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Media files under {@code <data-dir>/media/<tenant>/<id>}. Written to a temporary file first and moved
 * into place, so a crash never leaves a half file under a served id. Ids are UUIDs the hub made; any
 * other id is refused before it touches the file system.
 */
@Component
public class FileSystemMediaStore implements MediaStore {
    private static final Pattern SAFE_ID = Pattern.compile("[0-9a-f-]{36}");
    private static final Pattern SAFE_TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private final Path root;

    public FileSystemMediaStore(HubProperties hub) {
        this.root = hub.dataDir().resolve("media");
    }

    @Override
    public StoredMedia put(String tenantId, InputStream content, long maxBytes) throws IOException {
        Path dir = tenantDir(tenantId);
        Files.createDirectories(dir);
        String id = UUID.randomUUID().toString();
        Path tmp = Files.createTempFile(dir, id, ".part");
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha)) {
                size = copyAtMost(content, out, maxBytes);
            }
            Files.move(tmp, dir.resolve(id), StandardCopyOption.ATOMIC_MOVE);
            return new StoredMedia(id, size, HexFormat.of().formatHex(sha.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public Optional<InputStream> open(String tenantId, String id) throws IOException {
        if (!SAFE_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Path file = tenantDir(tenantId).resolve(id);
        return Files.isRegularFile(file) ? Optional.of(Files.newInputStream(file)) : Optional.empty();
    }

    @Override
    public void delete(String tenantId, String id) throws IOException {
        if (SAFE_ID.matcher(id).matches()) {
            Files.deleteIfExists(tenantDir(tenantId).resolve(id));
        }
    }

    private Path tenantDir(String tenantId) {
        if (!SAFE_TENANT.matcher(tenantId).matches()) {
            throw new IllegalArgumentException("invalid tenant id");
        }
        return root.resolve(tenantId);
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

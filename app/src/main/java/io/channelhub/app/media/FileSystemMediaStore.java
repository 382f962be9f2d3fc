package io.channelhub.app.media;

import io.channelhub.app.HubProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Media files under {@code <data-dir>/media/<tenant>/<id>}. Written to a temporary file first and moved
 * into place, so a crash never leaves a half file under a served id. Ids are UUIDs the hub made; any
 * other id is refused before it touches the file system.
 */
@Component
@ConditionalOnProperty(name = "hub.media.store", havingValue = "file", matchIfMissing = true)
public class FileSystemMediaStore implements MediaStore {
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
            StoredMedia stored = BoundedCopy.toFile(id, content, tmp, maxBytes);
            Files.move(tmp, dir.resolve(id), StandardCopyOption.ATOMIC_MOVE);
            return stored;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public Optional<InputStream> open(String tenantId, String id) throws IOException {
        if (!MediaIds.safeId(id)) {
            return Optional.empty();
        }
        Path file = tenantDir(tenantId).resolve(id);
        return Files.isRegularFile(file) ? Optional.of(Files.newInputStream(file)) : Optional.empty();
    }

    @Override
    public void delete(String tenantId, String id) throws IOException {
        if (MediaIds.safeId(id)) {
            Files.deleteIfExists(tenantDir(tenantId).resolve(id));
        }
    }

    private Path tenantDir(String tenantId) {
        return root.resolve(MediaIds.checkedTenant(tenantId));
    }
}

package io.channelhub.app.persistence;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What the hub knows of each stored media file. */
@Repository
public class MediaRepository {
    private final JdbcClient jdbc;

    public MediaRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record MediaInfo(String id, String tenantId, String mimeType, String filename, long sizeBytes,
                            String sha256) {
    }

    /** Records stored media; {@code messageId} is the message that brought it. */
    public void insert(MediaInfo m, String messageId, Instant at) {
        jdbc.sql("""
                        insert into media (id, tenant_id, message_id, mime_type, filename, size_bytes, sha256, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(m.id(), m.tenantId(), messageId, m.mimeType(), m.filename(), m.sizeBytes(), m.sha256(),
                        Db.ts(at))
                .update();
    }

    public Optional<MediaInfo> find(String tenantId, String id) {
        return jdbc.sql("select * from media where tenant_id = ? and id = ?").params(tenantId, id)
                .query((rs, i) -> new MediaInfo(rs.getString("id"), rs.getString("tenant_id"),
                        rs.getString("mime_type"), rs.getString("filename"), rs.getLong("size_bytes"),
                        rs.getString("sha256")))
                .optional();
    }
}

package io.channelhub.bench.baseline;

import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.h2.tools.RunScript;

/**
 * The database floor of inbound normalization: the CPU one inbound message's row costs H2 alone, on the hub's
 * own schema (its Flyway scripts, in order) and JDBC URL options, inserted the way {@code MessageRepository}
 * does, with a commit every 1, 10 or 100 rows, and again with the message table's secondary indexes dropped.
 * Nothing of the hub runs: it says how much of a normalized message the embedded database takes by itself.
 *
 * <p>{@code java -cp "bench/target/hub-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
 * io.channelhub.bench.baseline.H2InsertFloor} from the repository root; about a minute.
 */
public final class H2InsertFloor {
    private static final int WARM_UP = 10_000;
    private static final int MEASURED = 50_000;
    private static final String INSERT = """
            insert into messages (id, seq, tenant_id, channel, direction, conversation_id, contact_address,
              provider_message_id, status, category, body, intake_ref, replay_round, created_at, updated_at)
            values (?, nextval('message_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) on conflict do nothing""";
    private static final List<String> CONSOLE_AND_REPORT_INDEXES =
            List.of("messages_seq", "messages_tenant_seq", "messages_contact_seq", "messages_tenant_created");
    private static final List<String> LOOKUP_INDEXES = List.of("messages_conversation", "messages_provider_id");

    private H2InsertFloor() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("h2-floor-");
        String schema = schema(Path.of("app/src/main/resources/db"));
        System.out.println("H2 floor of one inbound message row (1.4 KB body), µs of CPU per row, "
                + MEASURED + " rows after " + WARM_UP);
        int run = 0;
        for (List<String> dropped : List.of(List.<String>of(), CONSOLE_AND_REPORT_INDEXES,
                Stream.concat(CONSOLE_AND_REPORT_INDEXES.stream(), LOOKUP_INDEXES.stream()).toList())) {
            for (int batch : new int[] {1, 10, 100}) {
                double micros = measure(dir.resolve("db" + run++), schema, dropped, batch);
                System.out.printf("  %d secondary indexes dropped, commit every %3d rows: %6.1f µs per row%n",
                        dropped.size(), batch, micros);
            }
        }
    }

    /** The hub's migrations in Flyway's order: the common ones, then H2's own. */
    private static String schema(Path db) throws IOException {
        StringBuilder sql = new StringBuilder();
        for (String folder : List.of("migration", "migration-h2")) {
            try (Stream<Path> files = Files.list(db.resolve(folder))) {
                for (Path f : files.sorted((a, b) -> version(a).compareTo(version(b))).toList()) {
                    sql.append(Files.readString(f)).append('\n');
                }
            }
        }
        return sql.toString();
    }

    /** V1__x, V1_1__y, V2__z → comparable by their version numbers. */
    private static String version(Path file) {
        String v = file.getFileName().toString().substring(1).split("__")[0];
        StringBuilder key = new StringBuilder();
        for (String part : v.split("_")) {
            key.append(String.format("%05d.", Integer.parseInt(part)));
        }
        return key.toString();
    }

    private static double measure(Path file, String schema, List<String> dropped, int batch) throws SQLException {
        String url = "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";WRITE_DELAY=0";
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Random random = new Random(17);
        String body = "x".repeat(1400);
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            RunScript.execute(c, new StringReader(schema));
            for (String index : dropped) {
                c.createStatement().execute("drop index " + index);
            }
            c.setAutoCommit(false);
            long cpu0 = 0;
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                for (int i = 0; i < WARM_UP + MEASURED; i++) {
                    if (i == WARM_UP) {
                        cpu0 = threads.getCurrentThreadCpuTime();
                    }
                    OffsetDateTime now = OffsetDateTime.now();
                    int k = 1;
                    insert.setString(k++, String.format("%012x-%011d", System.currentTimeMillis(), i)); // time-ordered, as UUIDv7
                    insert.setString(k++, "dealer-1");
                    insert.setString(k++, "whatsapp");
                    insert.setString(k++, "inbound");
                    insert.setString(k++, UUID.randomUUID().toString());
                    insert.setString(k++, "+3161" + (1_000_000 + random.nextInt(9_000_000)));
                    insert.setString(k++, "wamid." + UUID.randomUUID());
                    insert.setString(k++, "delivered");
                    insert.setString(k++, null);
                    insert.setString(k++, body);
                    insert.setString(k++, "ID:" + UUID.randomUUID());
                    insert.setObject(k++, now);
                    insert.setObject(k, now);
                    insert.executeUpdate();
                    if ((i + 1) % batch == 0) {
                        c.commit();
                    }
                }
            }
            return (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / MEASURED;
        }
    }
}

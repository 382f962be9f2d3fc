package io.channelhub.bench.hub;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hub's database in a run: its embedded default (H2 in the data directory), or a fresh schema on a
 * PostgreSQL server, the production database, dropped after the run.
 */
public final class HubDatabase {
    private final String jdbcUrl;
    private final String schema;

    private HubDatabase(String jdbcUrl, String schema) {
        this.jdbcUrl = jdbcUrl;
        this.schema = schema;
    }

    public static HubDatabase h2() {
        return new HubDatabase(null, null);
    }

    /** @param jdbcUrl a server and database, e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres */
    public static HubDatabase postgres(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://") || jdbcUrl.contains("currentSchema")) {
            throw new IllegalArgumentException("--postgres takes a jdbc:postgresql:// URL without currentSchema");
        }
        return new HubDatabase(jdbcUrl, "bench_" + Long.toString(System.currentTimeMillis(), 36));
    }

    public String description() {
        return jdbcUrl == null ? "H2 (embedded default)" : "PostgreSQL " + jdbcUrl.replaceAll("[?].*", "")
                + " schema " + schema;
    }

    /** What the hub is started with: nothing for its default, else the server with Flyway on the run's schema. */
    public Map<String, String> hubProperties() {
        if (jdbcUrl == null) {
            return Map.of();
        }
        Matcher user = Pattern.compile("[?&]user=([^&]+)").matcher(jdbcUrl);
        return Map.of("spring.datasource.url", jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "spring.datasource.username", user.find() ? user.group(1) : "postgres",
                "spring.datasource.password", "",
                "spring.flyway.schemas", schema, "spring.flyway.default-schema", schema);
    }

    public void drop() {
        if (jdbcUrl == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            c.createStatement().execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            System.err.println("could not drop the benchmark schema " + schema + ": " + e.getMessage());
        }
    }
}

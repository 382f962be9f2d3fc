package io.channelhub.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelhub.app.support.H2HubTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.yaml.snakeyaml.Yaml;

/**
 * The Grafana dashboard docker-compose provisions ({@code config/grafana/dashboards/channel-hub.json}) is valid
 * JSON, and every PromQL expression in it names only series that a running hub's {@code /actuator/prometheus}
 * exposes: a renamed meter would otherwise leave an empty panel that nobody notices until it is needed. And the
 * compose file's Prometheus scrapes both hubs, and its Grafana reads that Prometheus.
 */
@AutoConfigureObservability(tracing = false)
class GrafanaDashboardTest extends H2HubTest {
    private static final Path DASHBOARD = Path.of("..", "config", "grafana", "dashboards", "channel-hub.json");
    /** PromQL words that look like metric names: aggregation modifiers, binary operators, vector matching. */
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "and", "or", "unless", "offset", "atan2", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private JsonNode dashboard;

    @BeforeEach
    void load() throws IOException {
        dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
    }

    @Test
    void theDashboardIsGrafanaJsonWithPanelsThatEachQueryPrometheus() {
        assertThat(dashboard.path("uid").asText()).isEqualTo("channel-hub");
        assertThat(dashboard.path("schemaVersion").asInt()).isPositive();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : panels()) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel id %s is unique", panel.path("id")).isTrue();
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(panel.path("title").asText()).isLessThanOrEqualTo(24);
            if (!"row".equals(panel.path("type").asText())) {
                assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
                panel.path("targets").forEach(t -> assertThat(t.path("expr").asText()).isNotBlank());
            }
        }
        assertThat(expressions().keySet()).anyMatch(title -> title.contains("Queue depths"));
    }

    @Test
    void everyExpressionNamesOnlyMetricsTheRunningHubExposes() {
        // Circuit-breaker and rate-limiter meters appear once a connector has sent; HTTP ones once a request was served.
        tenantWithTestConnector("dashboard", "test", "acct-dashboard", "dashboard-secret");
        assertThat(postTestWebhook("/webhooks/test/dashboard", "dashboard-secret",
                "{\"account\":\"acct-dashboard\",\"messages\":[]}").statusCode()).isEqualTo(200);
        send("POST", "/api/v1/tenants/dashboard/messages", PLATFORM, "{\"channel\":\"test\",\"to\":\"+31612345678\","
                + "\"content\":{\"type\":\"text\",\"text\":\"hallo\"}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> scrapedMetrics().contains("resilience4j_circuitbreaker_state"));
        Set<String> scraped = scrapedMetrics();

        Map<String, List<String>> expressions = expressions();
        assertThat(expressions).isNotEmpty();
        Map<String, Set<String>> unknown = new LinkedHashMap<>();
        Set<String> used = new TreeSet<>();
        expressions.forEach((where, exprs) -> exprs.forEach(expr -> {
            Set<String> names = metricNames(expr);
            assertThat(names).as("%s: %s names no metric", where, expr).isNotEmpty();
            used.addAll(names);
            names.stream().filter(n -> !scraped.contains(n))
                    .forEach(n -> unknown.computeIfAbsent(where, k -> new TreeSet<>()).add(n));
        }));
        assertThat(unknown).as("metrics the dashboard queries but the hub does not expose").isEmpty();
        assertThat(used).contains("hub_messages_total", "hub_dead_letters_total", "hub_dispatch_retried_total",
                "hub_dispatch_deferred_total", "hub_webhooks_rejected_total", "hub_webhooks_dropped_total",
                "hub_queue_depth", "resilience4j_circuitbreaker_state", "http_server_requests_seconds_count",
                "hub_webhook_requests_seconds_count",
                "jvm_memory_used_bytes", "jvm_threads_live_threads");
    }

    @Test
    void metricNamesAreReadOutOfPromqlWithoutLabelsFunctionsOrGrafanaVariables() {
        assertThat(metricNames("sum by (channel, status) (rate(hub_messages_total{instance=~\"$instance\","
                + "status=~\"failed|rejected\"}[5m])) / ignoring(status) group_left max(up_total offset 1h)"))
                .containsExactlyInAnyOrder("hub_messages_total", "up_total");
        assertThat(metricNames("label_values(hub_messages_total, instance)")).containsExactly("hub_messages_total");
        assertThat(metricNames("sum by (name, state) (resilience4j_circuitbreaker_state{state!=\"closed\"}) > 0"))
                .containsExactly("resilience4j_circuitbreaker_state");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composesPrometheusScrapesBothHubsAndGrafanaReadsThatPrometheus() throws IOException {
        Map<String, Object> compose = yaml(Path.of("..", "docker-compose.yml"));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertThat(services).containsKeys("hub-1", "hub-2", "prometheus", "grafana");

        Map<String, Object> prometheus = yaml(Path.of("..", "config", "prometheus", "prometheus.yml"));
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) prometheus.get("scrape_configs");
        Map<String, Object> hubs = jobs.stream().filter(j -> "channel-hub".equals(j.get("job_name"))).findFirst()
                .orElseThrow();
        assertThat(hubs.get("metrics_path")).isEqualTo("/actuator/prometheus");
        assertThat((Map<String, Object>) hubs.get("authorization")).as("the metrics need a token")
                .containsEntry("type", "Bearer").containsKey("credentials_file");
        List<Map<String, Object>> targets = (List<Map<String, Object>>) hubs.get("static_configs");
        assertThat(targets).flatExtracting(t -> (List<String>) t.get("targets"))
                .containsExactlyInAnyOrder("hub-1:8080", "hub-2:8080");

        Map<String, Object> datasources = yaml(Path.of("..", "config", "grafana", "provisioning", "datasources",
                "prometheus.yaml"));
        assertThat((List<Map<String, Object>>) datasources.get("datasources"))
                .extracting(d -> d.get("type"), d -> d.get("url"))
                .containsExactly(tuple("prometheus", "http://prometheus:9090"));
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml().load(Files.readString(file));
    }

    private List<JsonNode> panels() {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            all.add(panel);
            panel.path("panels").forEach(all::add); // panels of a collapsed row
        }
        return all;
    }

    /** Every query of the dashboard: its panels' targets and its query variables, by where they are. */
    private Map<String, List<String>> expressions() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                all.computeIfAbsent("panel '" + panel.path("title").asText() + "'", k -> new ArrayList<>())
                        .add(target.path("expr").asText());
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode query = variable.path("query");
                all.computeIfAbsent("variable $" + variable.path("name").asText(), k -> new ArrayList<>())
                        .add(query.isTextual() ? query.asText() : query.path("query").asText());
            }
        }
        return all;
    }

    /**
     * The metric names in a PromQL expression (or a Grafana {@code label_values(metric, label)}): what is left
     * once strings, label matchers, ranges, grouping clauses and function calls are taken out.
     */
    static Set<String> metricNames(String expr) {
        String e = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")        // string literals
                .replaceAll("\\{[^}]*}", " ")                                 // label matchers
                .replaceAll("\\[[^\\]]*\\]", " ")                             // range and subquery selectors
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,[^)]*\\)", " $1 ")
                .replaceAll("\\boffset\\s+\\S+", " ")
                .replaceAll("\\$\\{?\\w+}?", " ");                               // Grafana variables ($__rate_interval)
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(e);
        while (m.find()) {
            String word = m.group();
            boolean call = e.substring(m.end()).stripLeading().startsWith("(");
            boolean partOfNumber = m.start() > 0 && Character.isDigit(e.charAt(m.start() - 1));
            if (!call && !partOfNumber && !KEYWORDS.contains(word.toLowerCase())) {
                names.add(word);
            }
        }
        return names;
    }

    /** Metric names as the scrape writes them, one per sample line ({@code name{labels} value} or {@code name value}). */
    private Set<String> scrapedMetrics() {
        String scrape = send("GET", "/actuator/prometheus", OPS, null).body();
        Set<String> names = new HashSet<>();
        scrape.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .forEach(l -> names.add(l.split("[{ ]", 2)[0]));
        return names;
    }
}

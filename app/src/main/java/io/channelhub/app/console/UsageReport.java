package io.channelhub.app.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A tenant's usage as the console shows it: a table per month and channel, and a small SVG bar chart drawn on
 * the server (messages per month, stacked by channel; the CSS colours the series).
 */
record UsageReport(List<Row> rows, Chart chart) {
    static final int WIDTH = 640;
    static final int HEIGHT = 180;
    private static final int PLOT_TOP = 10;
    private static final int PLOT_BOTTOM = 150;
    private static final int LEFT = 40;

    /** Messages and billable units (SMS segments) of one channel in one month. */
    record Row(String period, String channel, long inbound, long outbound, long units) {
        public long total() {
            return inbound + outbound;
        }
    }

    record Bar(int x, int y, int width, int height, String css, String title) {
    }

    record Label(int x, int y, String text) {
    }

    record Legend(String css, String channel) {
    }

    record Chart(int width, int height, long max, List<Bar> bars, List<Label> labels, List<Legend> legend,
                 int axisY) {
        public boolean empty() {
            return bars.isEmpty();
        }
    }

    /** @param counters rows of {@code UsageRepository.ofTenant}: channel, period, direction, messages, units */
    static UsageReport of(List<Map<String, Object>> counters) {
        Map<String, Map<String, long[]>> byMonth = new TreeMap<>();
        TreeSet<String> channels = new TreeSet<>();
        for (Map<String, Object> c : counters) {
            String period = String.valueOf(c.get("period"));
            String channel = String.valueOf(c.get("channel"));
            channels.add(channel);
            long[] v = byMonth.computeIfAbsent(period, p -> new TreeMap<>()).computeIfAbsent(channel,
                    ch -> new long[3]);
            long messages = number(c.get("messages"));
            if ("inbound".equals(c.get("direction"))) {
                v[0] += messages;
            } else {
                v[1] += messages;
            }
            v[2] += number(c.get("units"));
        }
        List<Row> rows = new ArrayList<>();
        byMonth.forEach((period, perChannel) -> perChannel.forEach((channel, v) ->
                rows.add(new Row(period, channel, v[0], v[1], v[2]))));
        return new UsageReport(rows, chart(byMonth, List.copyOf(channels)));
    }

    private static Chart chart(Map<String, Map<String, long[]>> byMonth, List<String> channels) {
        long max = byMonth.values().stream().mapToLong(m -> m.values().stream().mapToLong(v -> v[0] + v[1]).sum())
                .max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        List<Legend> legend = new ArrayList<>();
        for (int i = 0; i < channels.size(); i++) {
            legend.add(new Legend(series(i), channels.get(i)));
        }
        if (max == 0) {
            return new Chart(WIDTH, HEIGHT, 0, bars, labels, legend, PLOT_BOTTOM);
        }
        int months = byMonth.size();
        int slot = (WIDTH - LEFT) / Math.max(months, 1);
        int barWidth = Math.max(4, Math.min(48, slot - 8));
        int plot = PLOT_BOTTOM - PLOT_TOP;
        int m = 0;
        for (Map.Entry<String, Map<String, long[]>> month : byMonth.entrySet()) {
            int x = LEFT + m * slot + (slot - barWidth) / 2;
            int base = PLOT_BOTTOM;
            long total = 0;
            for (int i = 0; i < channels.size(); i++) {
                long[] v = month.getValue().get(channels.get(i));
                if (v == null || v[0] + v[1] == 0) {
                    continue;
                }
                total += v[0] + v[1];
                int h = (int) Math.max(1, Math.round((double) (v[0] + v[1]) * plot / max));
                base -= h;
                bars.add(new Bar(x, base, barWidth, h, series(i), month.getKey() + " " + channels.get(i) + ": "
                        + (v[0] + v[1]) + " messages"));
            }
            labels.add(new Label(x + barWidth / 2, PLOT_BOTTOM + 14, month.getKey()));
            labels.add(new Label(x + barWidth / 2, Math.max(PLOT_TOP, base - 3), String.valueOf(total)));
            m++;
        }
        return new Chart(WIDTH, HEIGHT, max, bars, labels, legend, PLOT_BOTTOM);
    }

    private static String series(int index) {
        return "series-" + (index % 8);
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}

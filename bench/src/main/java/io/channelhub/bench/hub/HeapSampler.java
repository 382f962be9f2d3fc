package io.channelhub.bench.hub;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Samples the hub's heap once a second from its own metrics (/actuator/prometheus): the sum of
 * {@code jvm_memory_used_bytes{area="heap"}} over the pools (the maximum seen is P5's heap figure) and
 * the largest old generation seen ({@code jvm_memory_used_bytes{id="G1 Old Gen"}}).
 */
public final class HeapSampler implements AutoCloseable {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final HttpRequest request;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile double maxUsedMb;
    private volatile double maxOldGenMb;
    private volatile double maxCommittedMb;
    private volatile int samples;

    public HeapSampler(HubUnderTest hub, String token) {
        request = hub.metricsRequest(token);
        thread = new Thread(this::loop, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                String text = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
                double used = 0;
                double committed = 0;
                double live = 0;
                for (String line : text.split("\n")) {
                    if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                        used += value(line);
                    } else if (line.startsWith("jvm_memory_committed_bytes{") && line.contains("area=\"heap\"")) {
                        committed += value(line);
                    }
                    if (line.startsWith("jvm_memory_used_bytes{") && line.contains("Old Gen")) {
                        live = value(line);
                    }
                }
                maxUsedMb = Math.max(maxUsedMb, used / 1048576.0);
                maxCommittedMb = Math.max(maxCommittedMb, committed / 1048576.0);
                maxOldGenMb = Math.max(maxOldGenMb, live / 1048576.0);
                samples++;
            } catch (Exception e) {
                // the hub is busy: try again next second
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    public double maxUsedMb() {
        return maxUsedMb;
    }

    public double maxOldGenMb() {
        return maxOldGenMb;
    }

    public double maxCommittedMb() {
        return maxCommittedMb;
    }

    public int samples() {
        return samples;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}

package io.channelhub.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * N workers, each making its calls synchronously back to back, for a warm-up and then a measured window,
 * or until a total count is reached. The throughput is what N concurrent clients get.
 */
public final class ClosedLoopLoad {
    private ClosedLoopLoad() {
    }

    public static LoadResult run(String name, int workers, Duration warmup, Duration duration, long maxCalls,
                                 Call.Factory factory) throws InterruptedException {
        int n = Limits.workers(workers);
        long max = Limits.requests(maxCalls);
        long warmupNanos = warmup.toNanos();
        long windowNanos = Limits.duration(duration).toNanos();
        AtomicLong issued = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong lastEnd = new AtomicLong();
        AtomicReference<String> failure = new AtomicReference<>();
        List<Histogram> histograms = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        long[] times = new long[2];
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < n; w++) {
            Histogram h = LoadResult.newHistogram();
            histograms.add(h);
            int worker = w;
            Thread t = new Thread(() -> {
                boolean counted = false;
                try (Call call = factory.open(worker)) {
                    ready.countDown();
                    counted = true;
                    go.await();
                    long measureFrom = times[0];
                    long end = times[1];
                    while (true) {
                        long seq = issued.getAndIncrement();
                        long start = System.nanoTime();
                        if (start >= end || seq >= max) {
                            break;
                        }
                        boolean success;
                        try {
                            success = call.call(seq);
                        } catch (Exception e) {
                            success = false;
                            failure.compareAndSet(null, e.toString());
                            Thread.sleep(10);
                        }
                        long stop = System.nanoTime();
                        if (start >= measureFrom && stop <= end) {
                            if (success) {
                                ok.incrementAndGet();
                                h.recordValue(Math.max(1, (stop - start) / 1000));
                            } else {
                                failed.incrementAndGet();
                                if (call.lastFailure() != null) {
                                    failure.compareAndSet(null, call.lastFailure());
                                }
                            }
                            lastEnd.accumulateAndGet(stop, Math::max);
                        }
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, "worker " + worker + ": " + e);
                    if (!counted) {
                        ready.countDown();
                    }
                }
            }, name + "-" + w);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        ready.await();
        long now = System.nanoTime();
        times[0] = now + warmupNanos;
        times[1] = now + warmupNanos + windowNanos;
        go.countDown();
        for (Thread t : threads) {
            t.join(Limits.MAX_DURATION.toMillis() + warmup.toMillis() + 60_000);
        }
        long windowEnd = Math.min(times[1], Math.max(lastEnd.get(), times[0]));
        double seconds = (windowEnd - times[0]) / 1e9;
        Histogram all = LoadResult.newHistogram();
        histograms.forEach(all::add);
        return new LoadResult(name, "closed-loop", n, 0, ok.get(), failed.get(), seconds, all, failure.get(), 0);
    }
}

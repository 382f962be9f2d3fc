package io.channelhub.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Requests at a fixed arrival rate: request i is due at start + i / rate, whatever happened to earlier
 * ones. A bounded pool of blocking workers takes the next due request; its latency is measured from the
 * time it was due (not from when a worker got round to it), so a stalled server is charged for every
 * request it delayed (no coordinated omission).
 */
public final class FixedRateLoad {
    private FixedRateLoad() {
    }

    public static LoadResult run(String name, double ratePerSecond, int workers, Duration warmup, Duration duration,
                                 Call.Factory factory) throws InterruptedException {
        if (ratePerSecond <= 0 || ratePerSecond > Limits.MAX_RATE) {
            throw new IllegalArgumentException("rate must be in (0, " + Limits.MAX_RATE + "]: " + ratePerSecond);
        }
        int n = Limits.workers(workers);
        double periodNanos = 1e9 / ratePerSecond;
        long warmupNanos = warmup.toNanos();
        long windowNanos = Limits.duration(duration).toNanos();
        long maxCalls = Limits.requests((long) Math.ceil((warmupNanos + windowNanos) / periodNanos));
        AtomicLong next = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong maxLag = new AtomicLong();
        AtomicLong lastEnd = new AtomicLong();
        AtomicReference<String> failure = new AtomicReference<>();
        List<Histogram> histograms = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        long[] times = new long[3];
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
                    long start = times[0];
                    long measureFrom = times[1];
                    long end = times[2];
                    while (true) {
                        long seq = next.getAndIncrement();
                        long due = start + (long) (seq * periodNanos);
                        if (due >= end || seq >= maxCalls) {
                            break;
                        }
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                        long began = System.nanoTime();
                        boolean success;
                        try {
                            success = call.call(seq);
                        } catch (Exception e) {
                            success = false;
                            failure.compareAndSet(null, e.toString());
                        }
                        long stop = System.nanoTime();
                        if (due >= measureFrom) {
                            maxLag.accumulateAndGet(began - due, Math::max);
                            lastEnd.accumulateAndGet(stop, Math::max);
                            if (success) {
                                ok.incrementAndGet();
                                h.recordValue(Math.max(1, (stop - due) / 1000));
                            } else {
                                failed.incrementAndGet();
                                if (call.lastFailure() != null) {
                                    failure.compareAndSet(null, call.lastFailure());
                                }
                            }
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
        long now = System.nanoTime() + 10_000_000;
        times[0] = now;
        times[1] = now + warmupNanos;
        times[2] = now + warmupNanos + windowNanos;
        go.countDown();
        for (Thread t : threads) {
            t.join(Limits.MAX_DURATION.toMillis() + warmup.toMillis() + 60_000);
        }
        Histogram all = LoadResult.newHistogram();
        histograms.forEach(all::add);
        // the rate achieved: requests due in the window over the time until the last of them was answered
        double seconds = Math.max(windowNanos, lastEnd.get() - times[1]) / 1e9;
        return new LoadResult(name, "fixed-rate", n, ratePerSecond, ok.get(), failed.get(), seconds, all,
                failure.get(), maxLag.get() / 1e6);
    }
}

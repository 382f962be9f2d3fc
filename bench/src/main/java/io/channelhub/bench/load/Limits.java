package io.channelhub.bench.load;

import java.time.Duration;

/** Hard caps every load run obeys, whatever it is asked for. */
public final class Limits {
    public static final Duration MAX_DURATION = Duration.ofSeconds(120);
    public static final long MAX_REQUESTS = 5_000_000;
    public static final int MAX_WORKERS = 512;
    public static final int MAX_RATE = 50_000;

    private Limits() {
    }

    public static Duration duration(Duration requested) {
        if (requested.isNegative() || requested.isZero()) {
            throw new IllegalArgumentException("a load run needs a positive duration");
        }
        return requested.compareTo(MAX_DURATION) > 0 ? MAX_DURATION : requested;
    }

    public static long requests(long requested) {
        return requested <= 0 || requested > MAX_REQUESTS ? MAX_REQUESTS : requested;
    }

    public static int workers(int requested) {
        if (requested < 1 || requested > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be 1.." + MAX_WORKERS + ": " + requested);
        }
        return requested;
    }
}

package io.channelhub.bench.jmh;

import io.channelhub.core.signature.HmacSignatures;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Meta's webhook signature check as the hub makes it: HMAC-SHA256 hex of the body, constant-time compare. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SignatureBenchmark {
    static final String SECRET = "bench-app-secret";

    @Param({"1024", "16384"})
    public int bodyBytes;

    private byte[] body;
    private String header;

    @Setup
    public void setUp() {
        body = new byte[bodyBytes];
        new Random(42).nextBytes(body);
        header = HmacSignatures.hmacSha256Hex(SECRET, body);
    }

    @Benchmark
    public String hmacSha256Hex() {
        return HmacSignatures.hmacSha256Hex(SECRET, body);
    }

    @Benchmark
    public boolean verify() {
        return HmacSignatures.constantTimeEquals(HmacSignatures.hmacSha256Hex(SECRET, body), header);
    }
}

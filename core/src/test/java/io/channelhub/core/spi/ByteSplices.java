package io.channelhub.core.spi;

/** Byte-level edits for tests that damage payloads (property tests, the bad-input corpus); no jqwik needed. */
public final class ByteSplices {
    private ByteSplices() {
    }

    /** {@code in} with {@code extra} spliced in at byte {@code at}. */
    public static byte[] insert(byte[] in, int at, byte[] extra) {
        byte[] out = new byte[in.length + extra.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(in, at, out, at + extra.length, in.length - at);
        return out;
    }
}

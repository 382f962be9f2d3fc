package io.channelhub.bench.hub;

import io.channelhub.bench.load.RequestSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data wrk's webhooks.lua sends: for each wrk thread a run of consecutive sequence numbers and the
 * signature of each one's body, so that every request carries its own message id (the hub's broker
 * duplicate detection and provider-id check would drop a repeated one, and the step would measure less
 * work) while the bodies stay exactly those of {@link WhatsAppWebhooks}, signed as Meta signs.
 */
public final class WrkWebhookPool {
    private WrkWebhookPool() {
    }

    /**
     * Writes data.lua and sigs-0.txt … sigs-(threads-1).txt into {@code dir} for {@code perThread} numbers per
     * thread from {@code firstSeq} on; answers how many numbers it used. {@code distinct}: the ids must not
     * repeat, and the script counts the requests that had to reuse one.
     */
    public static long write(WhatsAppWebhooks webhooks, Path dir, long firstSeq, int perThread, int threads,
                             boolean distinct) throws IOException {
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        String[] pieces = webhooks.bodyPieces(ts);
        String request = new String(RequestSource.http("POST", webhooks.port(), webhooks.path(), "application/json",
                new byte[WhatsAppWebhooks.BODY_BYTES], "X-Hub-Signature-256", "@SIG@"), StandardCharsets.ISO_8859_1);
        String head = request.substring(0, request.indexOf("@SIG@"));
        Files.writeString(dir.resolve("data.lua"), "return {\n"
                + "  head = " + lua(head) + ",\n"
                + "  b0 = " + lua(pieces[0]) + ",\n  b1 = " + lua(pieces[1]) + ",\n  b2 = " + lua(pieces[2]) + ",\n"
                + "  b3 = " + lua(pieces[3]) + ",\n"
                + "  contacts = " + WhatsAppWebhooks.CONTACTS + ",\n"
                + "  from_format = " + lua(WhatsAppWebhooks.FROM_FORMAT) + ",\n"
                + "  id_format = " + lua(webhooks.idFormat()) + ",\n"
                + "  distinct = " + distinct + ",\n}\n");
        for (int t = 0; t < threads; t++) {
            long first = firstSeq + (long) t * perThread;
            try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("sigs-" + t + ".txt"), StandardCharsets.US_ASCII)) {
                w.write(Long.toString(first));
                w.newLine();
                for (long seq = first; seq < first + perThread; seq++) {
                    w.write(webhooks.signature(webhooks.body(seq, ts)));
                    w.newLine();
                }
            }
        }
        return (long) perThread * threads;
    }

    /** A Lua string literal of the text's UTF-8 bytes: printable ASCII as is, everything else as \ddd. */
    static String lua(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16).append('"');
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append('\\').append(String.format("%03d", c));
            }
        }
        return sb.append('"').toString();
    }
}

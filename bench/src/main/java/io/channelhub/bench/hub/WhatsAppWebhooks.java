package io.channelhub.bench.hub;

import io.channelhub.bench.load.RequestSource;
import io.channelhub.core.signature.HmacSignatures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed WhatsApp Cloud API webhooks in Meta's format (the connector's text.json fixture), each with its own
 * message id so that neither the broker's duplicate detection nor the hub's provider-id check drops it,
 * from a rotating set of contacts, padded to exactly {@value #BODY_BYTES} bytes (the raw broker baseline's
 * payload size). Signed as Meta signs: X-Hub-Signature-256 = sha256=hex(HMAC-SHA256(body, app secret)).
 */
public final class WhatsAppWebhooks implements RequestSource {
    public static final int BODY_BYTES = 1024;
    public static final int CONTACTS = 1000;
    /** The contact of message seq: {@code String.format(FROM_FORMAT, seq % CONTACTS)}, in Java as in wrk's Lua. */
    public static final String FROM_FORMAT = "3161%07d";
    private static final String FIXTURE = "/fixtures/whatsapp/inbound/text.json";
    private static final String FIXTURE_ID = "wamid.HBgLMzE2MTIzNDU2NzgVAgASGBQzQUI4RkE5RTlGNjQ3RDY0QTM31";
    private final int port;
    private final String path;
    private final String appSecret;
    private final String runTag;
    private final String[] parts;
    private final int padding;
    private final String padText;
    private volatile Map<String, Long> stamps;

    public WhatsAppWebhooks(int port, String tenantId, String appSecret, String runTag) {
        this("/webhooks/whatsapp/" + tenantId, port, appSecret, runTag);
    }

    /** The same webhooks posted to another path: the raw HTTP baseline's. */
    public static WhatsAppWebhooks atPath(int port, String path, String appSecret, String runTag) {
        return new WhatsAppWebhooks(path, port, appSecret, runTag);
    }

    private WhatsAppWebhooks(String path, int port, String appSecret, String runTag) {
        this.port = port;
        this.path = path;
        this.appSecret = appSecret;
        this.runTag = runTag;
        String fixture = fixture();
        String template = fixture.replace(FIXTURE_ID, "@ID@")
                .replace("\"wa_id\": \"31612345678\"", "\"wa_id\": \"@FROM@\"")
                .replace("\"from\": \"31612345678\"", "\"from\": \"@FROM@\"")
                .replace("\"timestamp\": \"1795169731\"", "\"timestamp\": \"@TS@\"")
                .replace("Is de auto nog beschikbaar?", "Is de auto nog beschikbaar?@PAD@");
        parts = template.split("@(ID|FROM|TS|PAD)@", -1);
        if (parts.length != 6) {
            throw new IllegalStateException("the text.json fixture changed shape: " + (parts.length - 1) + " slots");
        }
        int fixed = 0;
        for (String p : parts) {
            fixed += p.getBytes(StandardCharsets.UTF_8).length;
        }
        fixed += id(0).length() + 2 * from(0).length() + 10;
        padding = BODY_BYTES - fixed;
        if (padding < 1) {
            throw new IllegalStateException("the text.json fixture is larger than " + BODY_BYTES + " bytes");
        }
        // the text body carries the padding: a sentence repeated, cut to length
        StringBuilder pad = new StringBuilder(padding + 40);
        while (pad.length() < padding) {
            pad.append(" Graag een proefrit deze week.");
        }
        pad.setLength(padding);
        padText = pad.toString();
    }

    /** From now on remembers when each message id was posted (System.nanoTime), for end-to-end latency. */
    public void stampInto(Map<String, Long> sink) {
        this.stamps = sink;
    }

    public static Map<String, Long> newStamps() {
        return new ConcurrentHashMap<>(1 << 16);
    }

    public String id(long seq) {
        return String.format(idFormat(), seq);
    }

    /** The message id of seq is {@code String.format(idFormat(), seq)}, in Java as in wrk's Lua. */
    public String idFormat() {
        return "wamid.BENCH" + runTag + "%012d";
    }

    public static String from(long seq) {
        return String.format(FROM_FORMAT, seq % CONTACTS);
    }

    public String path() {
        return path;
    }

    public int port() {
        return port;
    }

    public byte[] body(long seq) {
        return body(seq, Long.toString(System.currentTimeMillis() / 1000));
    }

    /**
     * The constant pieces of every body sent at time {@code ts}: body = [0] from [1] from [2] id [3], so that a
     * generator outside this JVM (wrk's Lua) builds byte for byte the body this class builds and signs.
     */
    public String[] bodyPieces(String ts) {
        return new String[] {parts[0], parts[1], parts[2], parts[3] + ts + parts[4] + padText + parts[5]};
    }

    public byte[] body(long seq, String ts) {
        String from = from(seq);
        String[] p = bodyPieces(ts);
        String text = p[0] + from + p[1] + from + p[2] + id(seq) + p[3];
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        if (body.length != BODY_BYTES) {
            throw new IllegalStateException("webhook body is " + body.length + " bytes");
        }
        return body;
    }

    public String signature(byte[] body) {
        return "sha256=" + HmacSignatures.hmacSha256Hex(appSecret, body);
    }

    @Override
    public byte[] request(long seq) {
        byte[] body = body(seq);
        Map<String, Long> sink = stamps;
        if (sink != null) {
            sink.put(id(seq), System.nanoTime());
        }
        return RequestSource.http("POST", port, path, "application/json", body,
                "X-Hub-Signature-256", signature(body));
    }

    private static String fixture() {
        try (InputStream in = WhatsAppWebhooks.class.getResourceAsStream(FIXTURE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + FIXTURE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

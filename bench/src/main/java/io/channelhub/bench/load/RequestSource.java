package io.channelhub.bench.load;

/**
 * Produces the complete bytes of request number {@code seq} (request line, headers, body), called on the
 * worker thread right before the request is written. Must be thread-safe.
 */
@FunctionalInterface
public interface RequestSource {
    byte[] request(long seq);

    /** An HTTP/1.1 request with a body, for a keep-alive connection to 127.0.0.1:port. */
    static byte[] http(String method, int port, String path, String contentType, byte[] body, String... headers) {
        StringBuilder head = new StringBuilder(256 + 64 * headers.length);
        head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        head.append("\r\n");
        byte[] h = head.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }
}

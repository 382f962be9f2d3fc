package io.channelhub.bench.load;

import java.net.InetSocketAddress;

/** HTTP requests on one keep-alive connection per worker; 2xx is success. */
public final class HttpCalls implements Call {
    private final HttpConnection connection;
    private final RequestSource source;
    private String lastFailure;

    private HttpCalls(InetSocketAddress target, RequestSource source) {
        this.connection = new HttpConnection(target);
        this.source = source;
    }

    public static Call.Factory to(InetSocketAddress target, RequestSource source) {
        LocalTarget.require(target);
        return worker -> new HttpCalls(target, source);
    }

    @Override
    public boolean call(long seq) throws Exception {
        HttpConnection.Response r = connection.exchange(source.request(seq), true);
        if (r.status() >= 200 && r.status() < 300) {
            return true;
        }
        String text = r.text();
        lastFailure = r.status() + " " + (text.length() > 300 ? text.substring(0, 300) : text);
        return false;
    }

    @Override
    public String lastFailure() {
        return lastFailure;
    }

    @Override
    public void close() {
        connection.close();
    }
}

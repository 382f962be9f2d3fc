package io.channelhub.bench.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** The load generator only ever talks to this machine's loopback: anything else is refused. */
public final class LocalTarget {
    public static final String HOST = "127.0.0.1";

    private LocalTarget() {
    }

    public static InetSocketAddress of(int port) {
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
        return new InetSocketAddress(loopback(), port);
    }

    /** Accepts only http://127.0.0.1:port/... (or tcp://127.0.0.1:port) and answers the socket address. */
    public static InetSocketAddress of(URI uri) {
        if (!HOST.equals(uri.getHost())) {
            throw new IllegalArgumentException("the load generator targets " + HOST + " only, not " + uri);
        }
        return of(uri.getPort());
    }

    public static void require(InetSocketAddress address) {
        if (!address.getAddress().isLoopbackAddress() || !HOST.equals(address.getAddress().getHostAddress())) {
            throw new IllegalArgumentException("the load generator targets " + HOST + " only, not " + address);
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(HOST, new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}

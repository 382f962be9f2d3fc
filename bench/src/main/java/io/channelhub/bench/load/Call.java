package io.channelhub.bench.load;

/**
 * One worker's way of making one request (an HTTP exchange, a JMS send), on resources the worker owns.
 * Answers whether the request succeeded; an exception counts as a failure too.
 */
public interface Call extends AutoCloseable {
    boolean call(long seq) throws Exception;

    /** A short description of the last failure, for the report. */
    default String lastFailure() {
        return null;
    }

    @Override
    default void close() throws Exception {
    }

    /** Opens one worker's call (its own connection, session, producer). */
    @FunctionalInterface
    interface Factory {
        Call open(int worker) throws Exception;
    }
}

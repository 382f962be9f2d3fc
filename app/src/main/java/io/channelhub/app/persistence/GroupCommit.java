package io.channelhub.app.persistence;

import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: the small write transactions of many callers (an outbound submission, a status change)
 * share one database commit. A few writer threads each take what has queued up, run every caller's work
 * in one transaction and commit once; each caller waits for that commit, so it still goes on (publishes,
 * answers, acknowledges) only once its own work is durable, and a caller whose work fails gets its
 * exception while the others' work commits. A caller's work may therefore run twice (see {@link #commit}):
 * it is database statements only, with no other effects.
 *
 * <p>Why: every commit is a write of H2's whole set of changed pages (or a WAL flush on PostgreSQL).
 * With a commit per caller, outbound throughput stopped at H2's ≈ 400 commits/s with the dispatch
 * consumers queueing for connections (BENCHMARKS.md, P4). Work called inside a transaction joins it.
 */
public class GroupCommit {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private final BlockingQueue<Work<?>> queue = new LinkedBlockingQueue<>();
    private final TransactionTemplate transaction;
    private final int maxBatch;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;

    public GroupCommit(TransactionTemplate transaction, int writers, int maxBatch) {
        this.transaction = transaction;
        this.maxBatch = maxBatch;
        for (int i = 1; i <= writers; i++) {
            Thread writer = new Thread(this::write, "group-commit-" + i);
            writer.setDaemon(true);
            writer.start();
            this.writers.add(writer);
        }
    }

    private static final class Work<T> {
        final Supplier<T> body;
        final CompletableFuture<T> done = new CompletableFuture<>();
        T result;
        Throwable failure;

        Work(Supplier<T> body) {
            this.body = body;
        }

        void run() {
            try {
                result = body.get();
            } catch (RuntimeException | Error e) {
                throw new CallerFailed(e);
            }
        }

        /** Tells the caller, once the transaction has committed (or failed as a whole: {@code commitFailure}). */
        void finish(Throwable commitFailure) {
            Throwable error = commitFailure != null ? commitFailure : failure;
            if (error != null) {
                done.completeExceptionally(error);
            } else {
                done.complete(result);
            }
        }
    }

    /** Runs {@code work} in a transaction shared with other callers and answers its result once committed. */
    public <T> T execute(Supplier<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return work.get();
        }
        Work<T> w = new Work<>(work);
        queue.add(w);
        if (!running && queue.remove(w)) {
            throw new IllegalStateException("the hub is shutting down"); // the writers may have ended already
        }
        try {
            return w.done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private void write() {
        List<Work<?>> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Work<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                LOG.error("Group commit writer failed; its callers get the error", e);
                batch.forEach(w -> w.done.completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Runs the batch without savepoints first (two statements per caller less, each a round trip on
     * PostgreSQL). Only when a caller's work fails is the batch rolled back and run again with a savepoint
     * per caller, so that the failing caller's work alone is undone.
     */
    private void commit(List<Work<?>> batch) {
        Throwable commitFailure = null;
        try {
            try {
                transaction.executeWithoutResult(status -> batch.forEach(Work::run));
            } catch (CallerFailed e) {
                if (batch.size() == 1) {
                    batch.get(0).failure = e.getCause();
                } else {
                    transaction.executeWithoutResult(status -> batch.forEach(w -> runUnderSavepoint(w, status)));
                }
            }
        } catch (RuntimeException | Error e) {
            commitFailure = e; // nothing of the batch is durable, whatever its work answered
        }
        for (Work<?> w : batch) {
            w.finish(commitFailure);
        }
    }

    /** A caller's work failed in a batch run without savepoints: the transaction is rolled back. */
    private static final class CallerFailed extends RuntimeException {
        CallerFailed(Throwable cause) {
            super(null, cause, false, false);
        }
    }

    private static void runUnderSavepoint(Work<?> work, TransactionStatus status) {
        Object savepoint = status.createSavepoint();
        try {
            work.run();
            status.releaseSavepoint(savepoint);
        } catch (CallerFailed e) {
            status.rollbackToSavepoint(savepoint);
            work.failure = e.getCause();
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        for (Thread writer : writers) {
            writer.join(5_000);
        }
        for (Work<?> left = queue.poll(); left != null; left = queue.poll()) {
            left.done.completeExceptionally(new IllegalStateException("the hub is shutting down"));
        }
    }
}

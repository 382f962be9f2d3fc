package io.channelhub.app.support;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady load of requests from threads of the test, each pausing between its requests (2 shared cores: a load,
 * not a flood), for the process tests that kill hubs under it. Requests the hub did not accept are counted apart:
 * refused or reset connections (a hub killed or starting), 5xx answers, anything else with an example.
 */
public final class Load {
    /** One request; what the hub accepted is the caller's to record. */
    public interface Request {
        void send() throws Exception;
    }

    private final long paceMillis;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicLong failedConnections = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong otherAnswers = new AtomicLong();
    private final Map<Integer, String> examples = new ConcurrentHashMap<>();

    public Load(long paceMillis) {
        this.paceMillis = paceMillis;
    }

    public void start(String name, Request request) {
        Thread t = new Thread(() -> {
            while (running.get()) {
                long pause = paceMillis;
                try {
                    request.send();
                } catch (IOException e) {
                    failedConnections.incrementAndGet(); // refused or reset by a kill: not accepted
                    pause = 100;
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    otherAnswers.incrementAndGet();
                    examples.putIfAbsent(-1, e.toString());
                    pause = 100;
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, name);
        threads.add(t);
        t.start();
    }

    /** Counts an answer that did not accept the request. */
    public void notAccepted(HttpResponse<String> answer) {
        if (answer.statusCode() >= 500) {
            serverErrors.incrementAndGet();
        } else {
            otherAnswers.incrementAndGet();
            examples.putIfAbsent(answer.statusCode(), answer.body());
        }
    }

    /** Stops every thread and waits for its request in flight. */
    public void stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(20_000);
        }
    }

    public long failedConnections() {
        return failedConnections.get();
    }

    public long serverErrors() {
        return serverErrors.get();
    }

    public long otherAnswers() {
        return otherAnswers.get();
    }

    /** An example body per unexpected status (-1: an exception). */
    public Map<Integer, String> examples() {
        return examples;
    }
}

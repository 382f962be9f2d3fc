package io.channelhub.bench.baseline;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A baseline in a JVM of its own (this JDK, this classpath), so that it does not share a heap, a JIT and
 * the cores' scheduling with the harness the way it did in the bench JVM. It talks over its stdin and
 * stdout: lines starting with {@value #PREFIX} are answers, everything else (its logs) goes to its log file.
 * Closing its stdin ends it.
 */
public final class ChildJvm implements AutoCloseable {
    public static final String PREFIX = "@bench ";
    private final Process process;
    private final PrintWriter in;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> pump(log), "child-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    public static ChildJvm start(Class<?> main, List<String> jvmArgs, List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", absoluteClassPath(), main.getName()));
        command.addAll(args);
        Files.deleteIfExists(log);
        // Started in the log's directory, not the repository root: Spring Boot would read the hub's
        // ./config/application.yaml there, and the trivial app would take the hub's port 8080 and settings.
        return new ChildJvm(new ProcessBuilder(command).directory(log.toAbsolutePath().getParent().toFile())
                .redirectErrorStream(true).start(), log);
    }

    /** The java launcher of the JDK this harness runs on: children run on the same runtime. */
    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
                .toString();
    }

    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** The next answer's text after the prefix; fails if the child dies or stays silent for {@code timeout}. */
    public String answer(Duration timeout) throws InterruptedException {
        String line = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new IllegalStateException("child JVM " + process.pid() + (process.isAlive() ? " silent for " + timeout
                    : " exited with " + process.exitValue()));
        }
        return line;
    }

    public void send(String command) {
        in.println(command);
    }

    public long pid() {
        return process.pid();
    }

    private void pump(Path log) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(PREFIX)) {
                    answers.add(line.substring(PREFIX.length()));
                } else {
                    Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        in.close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The child's side: an answer line to the harness. */
    public static void reply(String text) {
        System.out.println(PREFIX + text);
        System.out.flush();
    }
}

package io.channelhub.connector.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A tiny SMTP server on 127.0.0.1 for replies GreenMail cannot give: it answers every command with 250
 * except those given a scripted reply (e.g. {@code RCPT} → {@code 451 4.7.1 Try again later}). Serves
 * one connection; with {@link #silent()} it accepts and never answers, to provoke a read timeout.
 */
final class ScriptedSmtpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Map<String, String> replies = new HashMap<>();
    private final Thread thread;
    private volatile boolean silent;

    ScriptedSmtpServer() {
        try {
            socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::serve, "scripted-smtp");
        thread.setDaemon(true);
    }

    /** The reply to a command verb ({@code GREETING}, {@code EHLO}, {@code MAIL}, {@code RCPT}, {@code DATA}, {@code DOT}). */
    ScriptedSmtpServer reply(String verb, String reply) {
        replies.put(verb, reply);
        return this;
    }

    ScriptedSmtpServer silent() {
        silent = true;
        return this;
    }

    ScriptedSmtpServer start() {
        thread.start();
        return this;
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        try (Socket client = socket.accept()) {
            if (silent) {
                client.getInputStream().read(); // hold the connection open without a greeting
                return;
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = client.getOutputStream();
            send(out, replies.getOrDefault("GREETING", "220 fake.test ESMTP"));
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.split(" ", 2)[0].split(":", 2)[0].toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> send(out, replies.getOrDefault("EHLO", "250-fake.test\r\n250 8BITMIME"));
                    case "DATA" -> {
                        String reply = replies.getOrDefault("DATA", "354 go ahead");
                        send(out, reply);
                        if (reply.startsWith("354")) {
                            while ((line = in.readLine()) != null && !line.equals(".")) {
                                // swallow the message
                            }
                            send(out, replies.getOrDefault("DOT", "250 2.0.0 queued"));
                        }
                    }
                    case "QUIT" -> {
                        send(out, "221 bye");
                        return;
                    }
                    default -> send(out, replies.getOrDefault(verb, "250 ok"));
                }
            }
        } catch (IOException e) {
            // the client hung up: the test is over
        }
    }

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

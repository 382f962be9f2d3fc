package io.channelhub.connector.email;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny IMAP4rev1 server on 127.0.0.1 for what GreenMail cannot do: refuse the source of one message the
 * way real servers do with a damaged mail ({@code NO [SERVERBUG]}, Dovecot's answer to a corrupt mail
 * file; Exchange answers "could not be converted to an RFC-822 compatible format") while giving its
 * header section and every other message. One INBOX, keywords allowed; enough of RFC 3501 for Jakarta
 * Mail's LOGIN, SELECT, SEARCH, FETCH (UID, FLAGS, BODY.PEEK[] in blocks, BODY.PEEK[HEADER]) and STORE.
 */
public final class ScriptedImapServer implements AutoCloseable {
    public static final long UID_VALIDITY = 1_700_000_000L;
    private static final Pattern TAGGED = Pattern.compile("(\\S+) (?:UID )?(\\S+)(?: (.*))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern PARTIAL = Pattern.compile("BODY\\.PEEK\\[\\]<(\\d+)\\.(\\d+)>", Pattern.CASE_INSENSITIVE);

    private final ServerSocket socket;
    private final List<Mail> mails = new ArrayList<>();
    private final Thread thread;

    /** One stored message; {@code refused} makes the server answer NO to any fetch of its source. */
    static final class Mail {
        final long uid;
        final byte[] source;
        final boolean refused;
        final Set<String> flags = new LinkedHashSet<>();

        Mail(long uid, byte[] source, boolean refused) {
            this.uid = uid;
            this.source = source;
            this.refused = refused;
        }

        String header() {
            String text = new String(source, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? text : text.substring(0, end + 4);
        }
    }

    public ScriptedImapServer() {
        try {
            socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::serve, "scripted-imap");
        thread.setDaemon(true);
    }

    public ScriptedImapServer mail(String source) {
        return add(source, false);
    }

    public ScriptedImapServer refusedMail(String source) {
        return add(source, true);
    }

    private synchronized ScriptedImapServer add(String source, boolean refused) {
        byte[] crlf = source.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        mails.add(new Mail(101 + mails.size(), crlf, refused));
        return this;
    }

    public synchronized Set<String> flags(int index) {
        return Set.copyOf(mails.get(index).flags);
    }

    public ScriptedImapServer start() {
        thread.start();
        return this;
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                session(client);
            } catch (IOException e) {
                // the client hung up or the server closed: wait for the next poll's connection
            }
        }
    }

    private void session(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = client.getOutputStream();
        send(out, "* OK IMAP4rev1 scripted server ready");
        String line;
        while ((line = in.readLine()) != null) {
            Matcher m = TAGGED.matcher(line);
            if (!m.matches()) {
                send(out, "* BAD unparsable command");
                continue;
            }
            String tag = m.group(1);
            String verb = m.group(2).toUpperCase(Locale.ROOT);
            String args = m.group(3) == null ? "" : m.group(3);
            synchronized (this) {
                switch (verb) {
                    case "CAPABILITY" -> send(out, "* CAPABILITY IMAP4rev1\r\n" + tag + " OK done");
                    case "SELECT", "EXAMINE" -> send(out, "* FLAGS (\\Seen \\Flagged \\Deleted)\r\n"
                            + "* OK [PERMANENTFLAGS (\\Seen \\Flagged \\Deleted \\*)] keywords allowed\r\n"
                            + "* " + mails.size() + " EXISTS\r\n* 0 RECENT\r\n"
                            + "* OK [UIDVALIDITY " + UID_VALIDITY + "] stable\r\n"
                            + tag + " OK [READ-WRITE] selected");
                    case "SEARCH" -> send(out, "* SEARCH" + pending() + "\r\n" + tag + " OK searched");
                    case "FETCH" -> fetch(out, tag, args);
                    case "STORE" -> store(out, tag, args);
                    case "LOGOUT" -> {
                        send(out, "* BYE\r\n" + tag + " OK bye");
                        return;
                    }
                    default -> send(out, tag + " OK " + verb.toLowerCase(Locale.ROOT) + " done");
                }
            }
        }
    }

    /** Messages without the hub's mark and not deleted: what the poller's SEARCH asks for. */
    private String pending() {
        StringBuilder numbers = new StringBuilder();
        for (int i = 0; i < mails.size(); i++) {
            Set<String> f = mails.get(i).flags;
            if (!f.contains("$HubProcessed") && !f.contains("\\Deleted")) {
                numbers.append(' ').append(i + 1);
            }
        }
        return numbers.toString();
    }

    private void fetch(OutputStream out, String tag, String args) throws IOException {
        String items = args.substring(args.indexOf(' ') + 1).toUpperCase(Locale.ROOT);
        for (int n : sequence(args.substring(0, args.indexOf(' ')))) {
            Mail mail = mails.get(n - 1);
            boolean source = items.contains("BODY.PEEK[]") || items.contains("RFC822)") || items.contains("BODY[]");
            if (source && mail.refused) {
                send(out, tag + " NO [SERVERBUG] Internal error occurred. Refer to server log for more information.");
                return;
            }
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            List<String> parts = new ArrayList<>();
            parts.add("UID " + mail.uid);
            if (items.contains("FLAGS")) {
                parts.add("FLAGS (" + String.join(" ", mail.flags) + ")");
            }
            response.write(("* " + n + " FETCH (" + String.join(" ", parts)).getBytes(StandardCharsets.US_ASCII));
            if (items.contains("BODY.PEEK[HEADER]")) {
                literal(response, " BODY[HEADER]", mail.header().getBytes(StandardCharsets.ISO_8859_1));
            }
            if (source) {
                Matcher partial = PARTIAL.matcher(items);
                int from = partial.find() ? Integer.parseInt(partial.group(1)) : 0;
                int length = partial.reset().find() ? Integer.parseInt(partial.group(2)) : mail.source.length;
                int start = Math.min(from, mail.source.length);
                int end = Math.min(mail.source.length, start + length);
                byte[] block = java.util.Arrays.copyOfRange(mail.source, start, end);
                literal(response, partial.reset().find() ? " BODY[]<" + from + ">" : " BODY[]", block);
            }
            response.write(")\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(response.toByteArray());
        }
        send(out, tag + " OK fetched");
    }

    private void store(OutputStream out, String tag, String args) throws IOException {
        String[] words = args.split(" ", 3);
        String flagList = words[2].replaceAll("[()]", "").trim();
        for (int n : sequence(words[0])) {
            Mail mail = mails.get(n - 1);
            for (String flag : flagList.split(" ")) {
                if (words[1].startsWith("-")) {
                    mail.flags.remove(flag);
                } else {
                    mail.flags.add(flag);
                }
            }
            send(out, "* " + n + " FETCH (FLAGS (" + String.join(" ", mail.flags) + "))");
        }
        send(out, tag + " OK stored");
    }

    private static void literal(ByteArrayOutputStream response, String name, byte[] bytes) throws IOException {
        response.write((name + " {" + bytes.length + "}\r\n").getBytes(StandardCharsets.US_ASCII));
        response.write(bytes);
    }

    private List<Integer> sequence(String set) {
        List<Integer> numbers = new ArrayList<>();
        for (String range : set.split(",")) {
            String[] ends = range.split(":");
            int first = Integer.parseInt(ends[0]);
            int last = ends.length == 1 ? first : ends[1].equals("*") ? mails.size() : Integer.parseInt(ends[1]);
            for (int n = first; n <= last; n++) {
                numbers.add(n);
            }
        }
        return numbers;
    }

    private static void send(OutputStream out, String lines) throws IOException {
        out.write((lines + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

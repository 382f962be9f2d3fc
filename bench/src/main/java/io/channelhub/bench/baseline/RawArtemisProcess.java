package io.channelhub.bench.baseline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelhub.bench.load.LoadResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The raw Artemis baseline's child JVM: the broker and its producers in one process, as in the hub (the
 * hub's intake sends over the in-VM connector too), and nothing else. Commands on stdin, one per line:
 * {@code run PRODUCERS MILLIS} answers {@code result {LoadResult as JSON}}; the harness sends a warm-up run
 * first and measures this process's CPU around the second. EOF stops the broker and deletes its directory.
 * Arguments: the broker's directory, the journal buffer timeout in ns.
 */
public final class RawArtemisProcess {
    private RawArtemisProcess() {
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (RawArtemisBaseline broker = new RawArtemisBaseline(Path.of(args[0]), Duration.ofNanos(Long.parseLong(args[1])));
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            ChildJvm.reply("ready " + broker.journalType());
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] command = line.trim().split("\\s+");
                if (command.length == 3 && command[0].equals("run")) {
                    LoadResult r = broker.run(Integer.parseInt(command[1]), Duration.ZERO,
                            Duration.ofMillis(Long.parseLong(command[2])));
                    ChildJvm.reply("result " + json.writeValueAsString(r.toMap()));
                } else {
                    ChildJvm.reply("error unknown command: " + line);
                }
            }
        }
        System.exit(0);
    }
}

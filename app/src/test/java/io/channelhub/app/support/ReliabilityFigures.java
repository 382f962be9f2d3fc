package io.channelhub.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the reliability tests leave their figures: one line per test under
 * {@code app/target/reliability/}, printed too, and quoted by RELIABILITY.md.
 */
public final class ReliabilityFigures {
    private ReliabilityFigures() {
    }

    public static void write(String file, String line) {
        try {
            Path dir = Path.of("target", "reliability");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(file), line + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println(line);
    }
}

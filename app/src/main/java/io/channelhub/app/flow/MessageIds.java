package io.channelhub.app.flow;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Hub message ids: UUIDv7 (RFC 9562), ordered by creation time. The messages' id index then grows at its
 * end; random (v4) ids made every insert of a batch dirty a different index page, each written again at
 * commit.
 */
public final class MessageIds {
    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private MessageIds() {
    }

    public static String next() {
        return GENERATOR.generate().toString();
    }
}

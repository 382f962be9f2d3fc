package io.channelhub.app.inbound;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A cheap syntax check on the request thread, so a malformed body is refused with 400 instead of being
 * queued to fail later. It streams over the bytes without building anything; the content itself is
 * judged by the normalizer, off the request thread.
 */
final class PayloadSyntax {
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build()).build();

    private PayloadSyntax() {
    }

    /** Null when well-formed for its content type, else what is wrong. */
    static String problem(String contentType, byte[] body) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.contains("json")) {
            return json(body);
        }
        if (type.contains("x-www-form-urlencoded")) {
            return utf8(body) ? null : "the form body is not valid UTF-8";
        }
        return null;
    }

    private static String json(byte[] body) {
        if (body.length == 0) {
            return "the JSON body is empty";
        }
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() == null) {
                return "the JSON body is empty";
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                return "trailing data after the JSON value";
            }
            return null;
        } catch (IOException e) {
            return "the body is not well-formed JSON";
        }
    }

    private static boolean utf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}

package io.channelhub.connector.email;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes uuencoded content (Content-Transfer-Encoding {@code x-uuencode}, from old Outlook Express and Unix
 * mailers) as far as it goes. Written here rather than using Angus Mail's {@code UUDecoderStream}: even with
 * its ignore-errors switches on, that one throws {@code ArrayIndexOutOfBoundsException} on a line whose length
 * character claims more than 45 bytes, and drops every line shorter than its length character claims, where
 * the bytes that are there can still be read. A missing {@code begin} or {@code end} line is tolerated.
 */
final class EmailUudecoder {
    private EmailUudecoder() {
    }

    static byte[] decode(byte[] encoded) {
        String[] lines = new String(encoded, StandardCharsets.ISO_8859_1).split("\r\n|\r|\n");
        boolean hasBegin = false;
        for (String line : lines) {
            hasBegin |= line.startsWith("begin ");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean inData = !hasBegin;
        for (String line : lines) {
            if (line.startsWith("begin ")) {
                inData = true;
            } else if (line.strip().equals("end")) {
                break;
            } else if (inData && !line.isEmpty()) {
                decodeLine(line, out);
            }
        }
        return out.toByteArray();
    }

    /** One line: a length character, then groups of four characters of six bits each for three bytes. */
    private static void decodeLine(String line, ByteArrayOutputStream out) {
        int count = sixBits(line.charAt(0));
        int written = 0;
        for (int i = 1; i + 1 < line.length() && written < count; i += 4) {
            int a = sixBits(line.charAt(i));
            int b = sixBits(line.charAt(i + 1));
            int c = i + 2 < line.length() ? sixBits(line.charAt(i + 2)) : 0;
            int d = i + 3 < line.length() ? sixBits(line.charAt(i + 3)) : 0;
            int[] bytes = {(a << 2) | (b >> 4), ((b << 4) | (c >> 2)) & 0xff, ((c << 6) | d) & 0xff};
            for (int j = 0; j < 3 && written < count; j++, written++) {
                out.write(bytes[j]);
            }
        }
    }

    private static int sixBits(char c) {
        return (c - ' ') & 0x3f;
    }
}

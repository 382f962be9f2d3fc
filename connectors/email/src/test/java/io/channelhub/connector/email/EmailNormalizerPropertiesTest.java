package io.channelhub.connector.email;

import io.channelhub.core.spi.PropertySupport;
import static io.channelhub.core.spi.PropertySupport.apply;
import static io.channelhub.core.spi.PropertySupport.assertNormalizesOrRefuses;

import io.channelhub.core.spi.PropertySupport.ByteEdit;
import io.channelhub.core.spi.InboundNormalizer;
import io.channelhub.core.spi.InboundPayload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * Property tests of the email normalizer (issues #6 and #12): random bytes, generated RFC 822 messages with
 * hostile headers (broken addresses, unknown charsets and transfer encodings, multiparts without, with lying or
 * with unquoted boundaries, delivery reports and mail-system notices with garbage in them, encoded words that
 * decode to nothing, unquoted and RFC 2231 file names) and the real
 * fixtures cut, flipped, or with header lines replaced, dropped or repeated either normalize to a
 * well-formed canonical event or are refused with {@code MalformedPayloadException} (see
 * {@link PropertySupport}); never any other exception, never a hang.
 */
class EmailNormalizerPropertiesTest {
    private static final int TRIES = 1000;
    private static final List<String> HEADERS = List.of("From", "To", "Cc", "Reply-To", "Subject", "Date",
            "Message-ID", "In-Reply-To", "References", "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
            "Content-Disposition", "Auto-Submitted", "X-Autoreply", "X-Auto-Response-Suppress", "Precedence",
            "Return-Path", "List-Id", "Sender", "X-Failed-Recipients", "X-MS-Exchange-Message-Is-Ndr");
    private static final List<String> HEADER_VALUES = List.of("Jan <jan@example.nl>", "jan@example.nl",
            "<jan@example.nl>", "\"Jan, de\" <jan@example.nl>", "=?utf-8?B?SmFu?= <jan@example.nl>", "jan",
            "@example.nl", "jan@", "<>", "undisclosed-recipients:;", "a@b, c@d", "\"unterminated <x@y>",
            "=?x-unknown?Q?J=E9?= <j@x.nl>", "=?utf-8?B?////?=", "=?utf-8?Q?=ZZ?=", "<id@host>", "<id@host> <x>",
            "<<<>>>", "Fri, 20 Nov 2026 10:16:02 +0100", "Fri, 31 Feb 2026 25:61:61 +9999", "yesterday",
            "text/plain", "text/plain; charset=utf-8", "text/plain; charset=x-no-such-charset",
            "text/plain; charset=\"", "text/html; charset=utf-16", "multipart/mixed", "multipart/mixed; boundary=",
            "multipart/mixed; boundary=\"b\"", "multipart/alternative; boundary=b", "multipart/mixed; boundary=----=_b",
            "MAILER-DAEMON", "Mail Delivery System <postmaster@x>", "multipart/report; "
                    + "report-type=delivery-status; boundary=b", "message/delivery-status", "message/rfc822",
            "text/rfc822-headers", "application/octet-stream; name=\"a.pdf\"", "image/jpeg", ";;;", "/", "text/",
            "base64", "quoted-printable", "7bit", "8bit", "binary", "x-uuencode", "uuencode", "x-no-such-encoding",
            "7-bit", "8bits", "quoted", "attachment; filename=Ü ber [1].pdf", "attachment; filename*0*=x''%E2; filename*1=a",
            "attachment; filename=\"a.pdf\"", "attachment; filename*=utf-8''%E2%82%AC.pdf",
            "inline; filename*=x-unknown''%FF", "auto-replied", "auto-generated", "no", "bulk", "OOF, AutoReply");
    private static final List<String> BODIES = List.of("Hallo", "", "=\r\n=ZZ=4", "////", "SGFsbG8=",
            "begin 644 a.txt\r\n#86)C\r\n`\r\nend\r\n", "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n",
            "--b\r\n\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nAction: failed\r\nStatus: 9.9.9\r\n--b--",
            "--b\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n--b--", "--b", "--b--",
            "Reporting-MTA: dns; x\r\n\r\nFinal-Recipient: rfc822; a@b\r\nAction: failed\r\nStatus: 5.1.1\r\n",
            "> quoted\r\nOn Fri, Jan wrote:\r\n> x", "<html><body><p>x</p><script>alert(1)</script>",
            "\u0000\u0000", "x".repeat(20_000), "Content-Type: text/plain\r\n\r\nno first boundary\r\n--b--\r\n",
            "begin 644 a.txt\r\nM86)C\r\n\u007f\r\n", "This is the mail system at host x.\r\ncould not be delivered\r\n"
                    + "550 5.1.1 gone\r\nMessage-ID: <1b2c3d4e-0000-4000-8000-000000000001@hub.test>\r\n");

    private final InboundNormalizer normalizer = TestEnvironment.connector().normalizer();

    @Property(tries = TRIES)
    void arbitraryBytes(@ForAll @Size(max = 2048) byte[] body) {
        assertNormalizesOrRefuses(normalizer, payload(body));
    }

    @Property(tries = TRIES)
    void generatedMessagesWithHostileHeadersAndBodies(@ForAll("headerLines") List<Tuple.Tuple2<String, String>> headers,
                                                      @ForAll("bodies") String body, @ForAll boolean base64Body) {
        StringBuilder m = new StringBuilder();
        headers.forEach(h -> m.append(h.get1()).append(": ").append(h.get2()).append("\r\n"));
        m.append("\r\n").append(base64Body ? Base64.getMimeEncoder().encodeToString(
                body.getBytes(StandardCharsets.UTF_8)) : body);
        assertNormalizesOrRefuses(normalizer, payload(m.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Property(tries = TRIES)
    void fixturesCutFlippedAndSpliced(@ForAll("fixtures") String fixture,
                                      @ForAll @Size(min = 1, max = 4) List<@From("byteEdits") ByteEdit> edits) {
        assertNormalizesOrRefuses(normalizer, payload(apply(Fixtures.bytes("inbound/" + fixture), edits)));
    }

    @Property(tries = TRIES)
    void fixturesWithHeaderLinesReplacedDroppedOrRepeated(@ForAll("fixtures") String fixture,
                                                          @ForAll @Size(min = 1, max = 5)
                                                          List<@From("lineEdits") LineEdit> edits) {
        String text = new String(Fixtures.bytes("inbound/" + fixture), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
        for (LineEdit edit : edits) {
            edit.applyTo(lines);
        }
        assertNormalizesOrRefuses(normalizer, payload(String.join("\r\n", lines).getBytes(StandardCharsets.UTF_8)));
    }

    // ---- generators ---------------------------------------------------------------------------------

    private static InboundPayload payload(byte[] body) {
        return new InboundPayload(TestMailboxes.TENANT, "email", body, Map.of("Content-Type", "message/rfc822"),
                TestEnvironment.NOW);
    }

    @Provide
    Arbitrary<String> fixtures() {
        return Arbitraries.of(Fixtures.INBOUND);
    }

    @Provide
    Arbitrary<ByteEdit> byteEdits() {
        return PropertySupport.byteEdits();
    }

    private static Arbitrary<String> headerValues() {
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(HEADER_VALUES)),
                Tuple.of(1, PropertySupport.strings().map(s -> s.replace("\r", "").replace("\n", ""))));
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<String, String>>> headerLines() {
        Arbitrary<String> names = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(HEADERS)),
                Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10)));
        Arbitrary<Tuple.Tuple2<String, String>> line = Combinators.combine(names, headerValues()).as(Tuple::of);
        // mostly with a From that parses, so the generator gets past the sender check
        return Combinators.combine(line.list().ofMaxSize(10), Arbitraries.of(0, 1, 2))
                .as((lines, from) -> {
                    List<Tuple.Tuple2<String, String>> all = new ArrayList<>(lines);
                    if (from > 0) {
                        all.add(0, Tuple.of("From", "Jan <jan@example.nl>"));
                    }
                    return all;
                });
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(BODIES)), Tuple.of(1, PropertySupport.strings()));
    }

    @Provide
    Arbitrary<LineEdit> lineEdits() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.of(HEADERS), headerValues()).as(LineEdit::new);
    }

    /**
     * One edit of a message's lines: the {@code pick}-th line replaced by a header line (kind 0), dropped (1),
     * repeated (2), or a header line inserted before it (3).
     */
    record LineEdit(int kind, int pick, String name, String value) {
        void applyTo(List<String> lines) {
            if (lines.isEmpty()) {
                lines.add(name + ": " + value);
                return;
            }
            int at = Math.floorMod(pick, lines.size());
            switch (kind) {
                case 0 -> lines.set(at, name + ": " + value);
                case 1 -> lines.remove(at);
                case 2 -> lines.add(at, lines.get(at));
                default -> lines.add(at, name + ": " + value);
            }
        }
    }
}

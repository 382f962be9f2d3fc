package io.channelhub.connector.sms;

import io.channelhub.core.spi.PropertySupport;
import static io.channelhub.core.spi.PropertySupport.apply;
import static io.channelhub.core.spi.PropertySupport.assertNormalizesOrRefuses;
import static org.assertj.core.api.Assertions.assertThat;

import io.channelhub.core.spi.PropertySupport.ByteEdit;
import io.channelhub.connector.sms.model.TwilioForm;
import io.channelhub.core.signature.HmacSignatures;
import io.channelhub.core.spi.InboundNormalizer;
import io.channelhub.core.spi.InboundPayload;
import io.channelhub.core.spi.TenantConnector;
import io.channelhub.core.spi.WebhookRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * Property tests of the SMS (Twilio) normalizer and webhook verifier (issue #6): random bytes, random forms
 * of Twilio's parameter names with nasty values, and the real fixtures cut, flipped and with parameters
 * changed, dropped, added or repeated either normalize to well-formed canonical events or are refused with
 * {@code MalformedPayloadException} (see {@link PropertySupport}). The verifier never throws, and a
 * signature made for one request never verifies a request whose signed content differs.
 */
class SmsNormalizerPropertiesTest {
    private static final int TRIES = 1000;
    private static final List<String> FIXTURES = List.of("mms-two-media.form", "sms-stop-advanced-opt-out.form",
            "sms-text.form", "status-delivered.form", "status-failed-21610-opted-out.form",
            "status-failed-30007.form", "status-queued.form", "status-sent.form", "status-undelivered-30003.form",
            "status-partially-delivered.form", "whatsapp-text.form", "whatsapp-location.form",
            "whatsapp-button-reply.form", "whatsapp-list-reply.form");
    private static final List<String> NAMES = List.of("MessageSid", "SmsMessageSid", "SmsSid", "AccountSid",
            "MessagingServiceSid", "From", "To", "Body", "NumMedia", "NumSegments", "MediaUrl0", "MediaUrl1",
            "MediaUrl9", "MediaUrl10", "MediaContentType0", "MediaContentType1", "MessageStatus", "SmsStatus",
            "ErrorCode", "ErrorMessage", "OptOutType", "ApiVersion", "FromCountry", "ToCity", "ReferralNumMedia",
            "ProfileName", "WaId", "MessageType", "Latitude", "Longitude", "Address", "Label", "ButtonText",
            "ButtonPayload", "ListId", "ListTitle");
    private static final List<String> VALUES = List.of("SM5a7d5e3c9b1f4e2a8c6d0b9e7f1a2c3d", "+31612345678",
            "+3197010251234", "received", "receiving", "queued", "sent", "delivered", "undelivered", "failed", "read",
            "accepted", "canceled", "scheduled", "partially_delivered", "whatsapp:+31612345678", "whatsapp:", "rcs:x",
            "52.3675734", "-4.9", "90.0001", "-180", "NaN", "Infinity", "1e308", "STOP", "START", "HELP", "21610", "30007", "1", "2", "10", "11", "-1", "101",
            "2147483648", "image/jpeg", "application/pdf", "text/vcard", "audio/ogg", "video/mp4",
            "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1", "http://x", "not a url");

    private final InboundNormalizer normalizer = new SmsInboundNormalizer(Clock.fixed(SmsTestSupport.NOW,
            ZoneOffset.UTC));
    private final SmsWebhookVerifier verifier = new SmsWebhookVerifier();

    // ---- normalizer ---------------------------------------------------------------------------------

    @Property(tries = TRIES)
    void arbitraryBytes(@ForAll @Size(max = 2048) byte[] body, @ForAll("hubIds") String hubMessageId) {
        assertNormalizesOrRefuses(normalizer, payload(body, hubMessageId));
    }

    @Property(tries = TRIES)
    void arbitraryFormsOfTwiliosParameterNames(@ForAll("forms") List<Tuple.Tuple2<String, String>> params,
                                               @ForAll boolean encode, @ForAll("hubIds") String hubMessageId) {
        assertNormalizesOrRefuses(normalizer, payload(form(params, encode), hubMessageId));
    }

    @Property(tries = TRIES)
    void fixturesCutFlippedAndSpliced(@ForAll("fixtures") String fixture,
                                      @ForAll @Size(min = 1, max = 4) List<@From("byteEdits") ByteEdit> edits) {
        assertNormalizesOrRefuses(normalizer, payload(apply(fixture(fixture), edits), null));
    }

    @Property(tries = TRIES)
    void fixturesWithParametersChangedDroppedAddedOrRepeated(
            @ForAll("fixtures") String fixture,
            @ForAll @Size(min = 1, max = 5) List<@From("formEdits") FormEdit> edits,
            @ForAll("hubIds") String hubMessageId) {
        List<Tuple.Tuple2<String, String>> params = params(fixture(fixture));
        for (FormEdit edit : edits) {
            edit.applyTo(params);
        }
        assertNormalizesOrRefuses(normalizer, payload(form(params, true), hubMessageId));
    }

    // ---- verifier -----------------------------------------------------------------------------------

    @Property(tries = TRIES)
    void verifyNeverThrows(@ForAll("urls") String url, @ForAll("signatures") String signature,
                           @ForAll @Size(max = 512) byte[] body, @ForAll("tokens") String authToken,
                           @ForAll("queries") Map<String, List<String>> query) {
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/x-www-form-urlencoded"));
        if (signature != null) {
            headers.put("X-Twilio-Signature", signature);
        }
        TenantConnector tenant = SmsTestSupport.tenant(Map.of("accountSid", SmsTestSupport.ACCOUNT_SID),
                authToken == null ? Map.of() : Map.of("authToken", authToken));
        WebhookRequest request = new WebhookRequest("POST", url, query, headers, body);
        verifier.verify(request, tenant);
        verifier.accountId(request);
        verifier.accountIds(request);
        verifier.handshake(request, tenant);
    }

    /**
     * Twilio signs the URL and every parameter (name and value, sorted by name; a repeated name's distinct
     * values sorted). A request whose signed content differs — another value, a parameter dropped, added or
     * repeated with another value, another URL — must not verify with the original signature. (Re-encoding
     * or reordering the same parameters, or repeating a name with the same value, is the same request.)
     */
    @Property(tries = TRIES)
    void aSignatureOverOneRequestNeverVerifiesAnother(
            @ForAll("fixtures") String fixture,
            @ForAll @Size(min = 1, max = 3) List<@From("formEdits") FormEdit> formEdits,
            @ForAll @Size(max = 2) List<@From("byteEdits") ByteEdit> byteEdits,
            @ForAll("realTokens") String token, @ForAll boolean otherUrl) {
        byte[] signed = fixture(fixture);
        String url = SmsTestSupport.WEBHOOK_URL;
        String signature = twilioSignature(token, url, signed);
        TenantConnector tenant = SmsTestSupport.tenant(Map.of("accountSid", SmsTestSupport.ACCOUNT_SID),
                Map.of("authToken", token));
        assertThat(verifier.verify(SmsTestSupport.webhook(url, signed, signature), tenant)).as("the signed request")
                .isTrue();

        List<Tuple.Tuple2<String, String>> params = params(signed);
        for (FormEdit edit : formEdits) {
            edit.applyTo(params);
        }
        byte[] sent = apply(form(params, true), byteEdits);
        String sentUrl = otherUrl ? url + "x" : url;
        String sentContent = canonical(sentUrl, sent);
        Assume.that(sentContent == null || !sentContent.equals(canonical(url, signed)));
        assertThat(verifier.verify(SmsTestSupport.webhook(sentUrl, sent, signature), tenant))
                .as("%s signed as %s", sentContent, canonical(url, signed)).isFalse();
    }

    // ---- generators and helpers -----------------------------------------------------------------------

    /** What Twilio signs: the URL, then each parameter's name and each of its distinct values, sorted; null if unreadable. */
    private static String canonical(String url, byte[] body) {
        TwilioForm form;
        try {
            form = TwilioForm.parse(body);
        } catch (IllegalArgumentException e) {
            return null;
        }
        StringBuilder s = new StringBuilder(url);
        form.all().keySet().stream().sorted().forEach(name -> form.all().get(name).stream().distinct().sorted()
                .forEach(value -> s.append(name).append(value)));
        return s.toString();
    }

    /** Twilio's documented algorithm, computed here independently of the connector. */
    private static String twilioSignature(String token, String url, byte[] body) {
        return HmacSignatures.hmacSha1Base64(token, canonical(url, body).getBytes(StandardCharsets.UTF_8));
    }

    private static InboundPayload payload(byte[] body, String hubMessageId) {
        return SmsTestSupport.payload(body, hubMessageId == null ? Map.of()
                : Map.of(SmsInboundNormalizer.HUB_MESSAGE_ID_HEADER, hubMessageId));
    }

    private static byte[] fixture(String name) {
        return SmsTestSupport.fixture("inbound/" + name);
    }

    private static List<Tuple.Tuple2<String, String>> params(byte[] form) {
        List<Tuple.Tuple2<String, String>> params = new ArrayList<>();
        TwilioForm.parse(form).all().forEach((name, values) -> values.forEach(v -> params.add(Tuple.of(name, v))));
        return params;
    }

    private static byte[] form(List<Tuple.Tuple2<String, String>> params, boolean encode) {
        StringBuilder s = new StringBuilder();
        for (Tuple.Tuple2<String, String> p : params) {
            if (s.length() > 0) {
                s.append('&');
            }
            s.append(encode ? URLEncoder.encode(p.get1(), StandardCharsets.UTF_8) : p.get1()).append('=')
                    .append(encode ? URLEncoder.encode(p.get2(), StandardCharsets.UTF_8) : p.get2());
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Provide
    Arbitrary<String> fixtures() {
        return Arbitraries.of(FIXTURES);
    }

    @Provide
    Arbitrary<ByteEdit> byteEdits() {
        return PropertySupport.byteEdits();
    }

    @Provide
    Arbitrary<String> hubIds() {
        return Arbitraries.oneOf(PropertySupport.strings(), Arbitraries.just("0193a6f2-7c1e-7d4b-9a1e-2f3c4d5e6f70"))
                .injectNull(0.5);
    }

    private static Arbitrary<String> values() {
        return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.of(VALUES)), Tuple.of(3, PropertySupport.strings()));
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<String, String>>> forms() {
        Arbitrary<String> names = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.of(NAMES)),
                Tuple.of(1, PropertySupport.strings()));
        return Combinators.combine(names, values()).as(Tuple::of).list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<FormEdit> formEdits() {
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.of(NAMES), values()).as(FormEdit::new);
    }

    @Provide
    Arbitrary<String> urls() {
        Arbitrary<String> tails = Arbitraries.oneOf(PropertySupport.strings(),
                Arbitraries.of("?hubMessageId=0193", "?a=%zz", "?%", "?a=1&a=2", "#frag", ":443", ":99999", "?x=\u00e9",
                        "/../..", " ", "?hubMessageId=%E0%A4%A"));
        return Arbitraries.oneOf(tails.map(t -> SmsTestSupport.WEBHOOK_URL + t),
                tails.map(t -> "http://127.0.0.1:8080/webhooks/sms/dealer-042" + t),
                PropertySupport.strings(), Arbitraries.of("https://hub.example.com:443/webhooks/sms/x",
                        "http://[::1", "https://", "ftp://x/y", "https://hub.example.com:-1/x"));
    }

    @Provide
    Arbitrary<String> signatures() {
        return Arbitraries.oneOf(PropertySupport.strings(),
                Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
                        .ofMaxLength(40)).injectNull(0.15);
    }

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.oneOf(Arbitraries.just(SmsTestSupport.AUTH_TOKEN), PropertySupport.strings())
                .injectNull(0.1);
    }

    /** Auth tokens as Twilio issues them (32 hex digits; any alphanumerics here). */
    @Provide
    Arbitrary<String> realTokens() {
        return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(40);
    }

    @Provide
    Arbitrary<Map<String, List<String>>> queries() {
        return Arbitraries.maps(Arbitraries.oneOf(Arbitraries.of("hubMessageId"), PropertySupport.strings()),
                PropertySupport.strings().list().ofMaxSize(2)).ofMaxSize(3);
    }

    /**
     * One edit of a form's parameters: change the {@code pick}-th value (kind 0), drop it (1), add a
     * parameter (2), repeat the picked name with another value at the end (3), or swap its value for its
     * name (4).
     */
    record FormEdit(int kind, int pick, String name, String value) {
        void applyTo(List<Tuple.Tuple2<String, String>> params) {
            if (params.isEmpty() || kind == 2) {
                params.add(Tuple.of(name, value));
                return;
            }
            int at = Math.floorMod(pick, params.size());
            Tuple.Tuple2<String, String> p = params.get(at);
            switch (kind) {
                case 0 -> params.set(at, Tuple.of(p.get1(), value));
                case 1 -> params.remove(at);
                case 3 -> params.add(Tuple.of(p.get1(), value));
                default -> params.set(at, Tuple.of(p.get1(), p.get1()));
            }
        }
    }
}

package io.channelhub.connector.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TwilioSignedUrlsTest {

    @ParameterizedTest
    @CsvSource({
            "https://h.example/x?a=1,           https://h.example/x?a=1",
            "https://h.example:443/x,           https://h.example/x",
            "http://h.example:8080/x?p=:1,      http://h.example/x?p=:1",
            "https://user:pw@h.example:443/x,   https://user:pw@h.example/x",
            "https://[::1]:8443/x,              https://[::1]/x",
            "https://[::1]/x,                   https://[::1]/x",
            "https://h.example:443,             https://h.example",
            "not a url,                         not a url"})
    void removesAnyPort(String url, String expected) {
        assertThat(TwilioSignedUrls.withoutPort(url)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "https://h.example/x?a=1,      https://h.example:443/x?a=1",
            "HTTPS://h.example/x,          HTTPS://h.example:443/x",
            "http://h.example/x,           http://h.example:80/x",
            "http://h.example:8080/x,      http://h.example:8080/x",
            "https://user@h.example#f,     https://user@h.example:443#f",
            "https://[::1]/x,              https://[::1]:443/x",
            "mailto:x@y,                   mailto:x@y"})
    void addsTheDefaultPortWhereThereIsNone(String url, String expected) {
        assertThat(TwilioSignedUrls.withDefaultPort(url)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/Espa%C3%B1a?a%C3%B1o=2023       | /España?año=2023",
            "/x?e=%F0%9F%9A%97                | /x?e=\uD83D\uDE97",
            "/x?a=b%26c%20d%2F                | /x?a=b%26c%20d%2F",
            "/x?bad=%E9&ok=%c3%a9             | /x?bad=%E9&ok=é",
            "/x?cut=%C3                       | /x?cut=%C3",
            "/x?end=%                         | /x?end=%",
            "/x?end=%C                        | /x?end=%C"})
    void unescapesNonAsciiUtf8Only(String url, String expected) {
        assertThat(TwilioSignedUrls.unescapedUtf8(url)).isEqualTo(expected);
    }

    @Test
    void offersEachSpellingOnce() {
        assertThat(TwilioSignedUrls.of("https://h.example/caf%C3%A9")).containsExactly(
                "https://h.example/caf%C3%A9", "https://h.example:443/caf%C3%A9",
                "https://h.example/café", "https://h.example:443/café");
        assertThat(TwilioSignedUrls.of("https://h.example/x")).containsExactly(
                "https://h.example/x", "https://h.example:443/x");
    }
}

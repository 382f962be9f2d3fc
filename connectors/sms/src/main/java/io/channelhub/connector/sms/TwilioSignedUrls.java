package io.channelhub.connector.sms;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The spellings of one request URL that Twilio may have signed (PROTOCOLS §9):
 * <ul>
 *   <li>with and without the port: Twilio signs some requests over {@code https://host:443/…} and some
 *       over {@code https://host/…}, so its SDKs try the URL without any port and, when it has none, with
 *       the scheme's default port ({@code :443}, else {@code :80});</li>
 *   <li>as received and with its non-ASCII characters unescaped: Twilio signs a configured URL holding
 *       raw UTF-8 ({@code /webhook/España}) as written, but requests it percent-encoded
 *       ({@code /webhook/Espa%C3%B1a}), which is how the hub receives it. ASCII escapes ({@code %20},
 *       {@code %26}) stay as they are: they were part of the configured URL.</li>
 * </ul>
 * The URL text is edited, never re-built from a parsed {@code URI}, which would re-escape it differently.
 */
final class TwilioSignedUrls {
    private TwilioSignedUrls() {
    }

    static Set<String> of(String received) {
        Set<String> urls = new LinkedHashSet<>();
        for (String url : List.of(received, unescapedUtf8(received))) {
            urls.add(withoutPort(url));
            urls.add(withDefaultPort(url));
        }
        return urls;
    }

    static String withoutPort(String url) {
        Authority a = Authority.of(url);
        return a == null || a.portStart() < 0 ? url : url.substring(0, a.portStart()) + url.substring(a.end());
    }

    static String withDefaultPort(String url) {
        Authority a = Authority.of(url);
        if (a == null || a.portStart() >= 0) {
            return url;
        }
        String port = url.substring(0, a.start()).toLowerCase(Locale.ROOT).startsWith("https:") ? ":443" : ":80";
        return url.substring(0, a.end()) + port + url.substring(a.end());
    }

    /** Percent-escapes of non-ASCII UTF-8 sequences decoded; every other character left as it is. */
    static String unescapedUtf8(String url) {
        StringBuilder out = new StringBuilder(url.length());
        int i = 0;
        while (i < url.length()) {
            int runEnd = i;
            ByteArrayOutputStream run = new ByteArrayOutputStream();
            while (highByteEscapeAt(url, runEnd)) {
                run.write(Integer.parseInt(url.substring(runEnd + 1, runEnd + 3), 16));
                runEnd += 3;
            }
            if (runEnd == i) {
                out.append(url.charAt(i++));
                continue;
            }
            out.append(strictUtf8(run.toByteArray(), url.substring(i, runEnd)));
            i = runEnd;
        }
        return out.toString();
    }

    private static boolean highByteEscapeAt(String s, int i) {
        return i + 2 < s.length() && s.charAt(i) == '%' && "89abcdefABCDEF".indexOf(s.charAt(i + 1)) >= 0
                && Character.digit(s.charAt(i + 2), 16) >= 0;
    }

    private static String strictUtf8(byte[] bytes, String otherwise) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return otherwise;
        }
    }

    /**
     * Where the authority ({@code user@host:port}) of an absolute URL lies.
     *
     * @param portStart index of the port's {@code :}, or -1 when there is no port
     */
    private record Authority(int start, int end, int portStart) {
        static Authority of(String url) {
            int scheme = url.indexOf("://");
            if (scheme <= 0) {
                return null;
            }
            int start = scheme + 3;
            int end = start;
            while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
                end++;
            }
            int hostStart = url.lastIndexOf('@', end - 1) >= start ? url.lastIndexOf('@', end - 1) + 1 : start;
            int colon = url.lastIndexOf(':', end - 1);
            int bracket = url.lastIndexOf(']', end - 1);
            boolean port = colon >= hostStart && colon > bracket;
            return new Authority(start, end, port ? colon : -1);
        }
    }
}

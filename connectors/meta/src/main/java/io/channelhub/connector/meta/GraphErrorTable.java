package io.channelhub.connector.meta;

import io.channelhub.core.error.ChannelException;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One Meta channel's table of Graph API failures, looked up by (code, subcode), then by code, then by HTTP
 * status: never by Meta's message text, which changes and is translated. {@link #metaPlatform()} holds what
 * every Graph API means alike; each channel adds its own codes. References:
 * https://developers.facebook.com/docs/graph-api/guides/error-handling and PROTOCOLS.md §1.9, §2.7, §10.1.
 */
public final class GraphErrorTable {

    /** Graph app/user/page throttling, WhatsApp's account (80007) and throughput (130429) limits. */
    private static final Set<Integer> THROTTLES = Set.of(4, 17, 32, 613, 80007, 130429);
    /** Unknown (1) and temporary (2) errors. */
    private static final Set<Integer> TEMPORARY = Set.of(1, 2);
    /** Invalid or expired access token; 0 is Graph's generic AuthException. */
    private static final Set<Integer> TOKEN = Set.of(190, 0);
    /** Invalid parameter, and the policy block no retry can get past. */
    private static final Set<Integer> REFUSED = Set.of(100, 368);

    private static final int MAX_MESSAGE_LENGTH = 300;

    private final Map<Integer, GraphFailureKind> byCode;
    private final Map<Long, GraphFailureKind> byCodeAndSubcode;
    private final Map<Integer, GraphFailureKind> byCodeHundreds;

    private GraphErrorTable(Map<Integer, GraphFailureKind> byCode, Map<Long, GraphFailureKind> byCodeAndSubcode,
                            Map<Integer, GraphFailureKind> byCodeHundreds) {
        this.byCode = Map.copyOf(byCode);
        this.byCodeAndSubcode = Map.copyOf(byCodeAndSubcode);
        this.byCodeHundreds = Map.copyOf(byCodeHundreds);
    }

    /** What the codes shared by all Graph APIs mean. */
    public static GraphErrorTable metaPlatform() {
        Map<Integer, GraphFailureKind> byCode = new HashMap<>();
        THROTTLES.forEach(code -> byCode.put(code, GraphFailureKind.RATE_LIMITED));
        TEMPORARY.forEach(code -> byCode.put(code, GraphFailureKind.UNAVAILABLE));
        TOKEN.forEach(code -> byCode.put(code, GraphFailureKind.CREDENTIALS));
        REFUSED.forEach(code -> byCode.put(code, GraphFailureKind.REJECTED));
        return new GraphErrorTable(byCode, Map.of(), Map.of());
    }

    /** This table with {@code code} (whatever its subcode) meaning {@code kind}. */
    public GraphErrorTable with(GraphFailureKind kind, int... codes) {
        Map<Integer, GraphFailureKind> copy = new HashMap<>(byCode);
        for (int code : codes) {
            copy.put(code, kind);
        }
        return new GraphErrorTable(copy, byCodeAndSubcode, byCodeHundreds);
    }

    /** This table with the pair ({@code code}, {@code subcode}) meaning {@code kind}, before the code alone. */
    public GraphErrorTable withSubcode(int code, int subcode, GraphFailureKind kind) {
        Map<Long, GraphFailureKind> copy = new HashMap<>(byCodeAndSubcode);
        copy.put(pair(code, subcode), kind);
        return new GraphErrorTable(byCode, copy, byCodeHundreds);
    }

    /** This table with the codes {@code hundred} to {@code hundred + 99} not named otherwise meaning {@code kind}. */
    public GraphErrorTable withHundreds(int hundred, GraphFailureKind kind) {
        if (hundred % 100 != 0) {
            throw new IllegalArgumentException("not a hundred: " + hundred);
        }
        Map<Integer, GraphFailureKind> copy = new HashMap<>(byCodeHundreds);
        copy.put(hundred / 100, kind);
        return new GraphErrorTable(byCode, byCodeAndSubcode, copy);
    }

    /** The kind of a failure; without a known code, the HTTP status decides. */
    public GraphFailureKind kindOf(Integer code, Integer subcode, int httpStatus) {
        return kindOf(code, subcode, httpStatus, GraphThrottleHints.NONE);
    }

    private GraphFailureKind kindOf(Integer code, Integer subcode, int httpStatus, GraphThrottleHints hints) {
        if (code != null) {
            GraphFailureKind kind = subcode == null ? null : byCodeAndSubcode.get(pair(code, subcode));
            if (kind == null) {
                kind = byCode.get(code);
            }
            if (kind == null && code >= 0) {
                kind = byCodeHundreds.get(code / 100);
            }
            if (kind != null) {
                return kind;
            }
        }
        if (hints.usageExhausted()) {
            return GraphFailureKind.RATE_LIMITED;
        }
        if (httpStatus == 401) {
            return GraphFailureKind.CREDENTIALS;
        }
        if (httpStatus == 429) {
            return GraphFailureKind.RATE_LIMITED;
        }
        if (httpStatus >= 500 || httpStatus == 408) {
            return GraphFailureKind.UNAVAILABLE;
        }
        return GraphFailureKind.REJECTED;
    }

    /** The {@code reason.code} of a failure the provider reports in a webhook rather than an HTTP answer. */
    public String reasonCodeOf(Integer code, Integer subcode) {
        return kindOf(code, subcode, 400).reasonCode();
    }

    /**
     * The exception for a failed Graph call.
     *
     * @param api        names the API in the message ("WhatsApp Graph API")
     * @param error      the Graph error of the body, if it had one
     * @param hints      what the answer's headers say about throttling
     * @param token      the call's token, removed from any text that found its way into the message
     */
    public ChannelException exception(String api, int httpStatus, Optional<GraphError> error,
                                      GraphThrottleHints hints, GraphAccessToken token) {
        Integer code = error.map(GraphError::code).orElse(null);
        Integer subcode = error.map(GraphError::subcode).orElse(null);
        String providerCode = code == null ? null : String.valueOf(code);
        String message = describe(api, httpStatus, error.orElse(null), token);
        GraphFailureKind kind = kindOf(code, subcode, httpStatus, hints);
        Duration retryAfter = hints.retryAfter();
        return switch (kind) {
            case RATE_LIMITED -> TransientChannelException.rateLimited(providerCode, message, retryAfter);
            case UNAVAILABLE -> new TransientChannelException(kind.reasonCode(), providerCode, message, retryAfter,
                    null);
            case CREDENTIALS -> PermanentChannelException.credentials(providerCode, message);
            case OUTSIDE_SERVICE_WINDOW, NOT_REACHABLE, REJECTED ->
                    new PermanentChannelException(kind.reasonCode(), providerCode, message);
        };
    }

    private static String describe(String api, int httpStatus, GraphError error, GraphAccessToken token) {
        StringBuilder sb = new StringBuilder(api).append(" answered HTTP ").append(httpStatus);
        if (error != null) {
            if (error.code() != null) {
                sb.append(", error ").append(error.code());
            }
            if (error.subcode() != null) {
                sb.append('/').append(error.subcode());
            }
            if (error.message() != null) {
                sb.append(": ").append(error.message());
            }
            if (error.details() != null) {
                sb.append(" (").append(error.details()).append(')');
            }
        }
        String text = token == null ? sb.toString() : token.redact(sb.toString());
        return text.length() <= MAX_MESSAGE_LENGTH ? text : text.substring(0, MAX_MESSAGE_LENGTH) + "…";
    }

    private static long pair(int code, int subcode) {
        return ((long) code << 32) | (subcode & 0xffffffffL);
    }
}

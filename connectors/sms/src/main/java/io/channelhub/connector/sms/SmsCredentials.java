package io.channelhub.connector.sms;

import io.channelhub.core.spi.CredentialValues;
import io.channelhub.core.spi.TenantConnector;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's Twilio credentials for one call: REST credentials (an API key SID and secret when
 * configured, else the Account SID and auth token) and the auth token Twilio signs webhooks with.
 * {@code toString()} shows no secret.
 *
 * <p>A credential value no HTTP header can carry (a pasted line break, a typographic ellipsis) never
 * reaches the Twilio client: {@link #of} refuses it, naming the field and never the value.
 *
 * <p>With API-key credentials Twilio still signs webhooks with the account's primary auth token, so a
 * tenant configured with API keys only can send but its webhooks cannot be verified (and are refused)
 * until {@code authToken} is configured too.
 */
final class SmsCredentials {
    static final String AUTH_TOKEN = "authToken";
    static final String API_KEY_SID = "apiKeySid";
    static final String API_KEY_SECRET = "apiKeySecret";

    private final String accountSid;
    private final String username;
    private final String password;
    private final String authToken;

    private SmsCredentials(String accountSid, String username, String password, String authToken) {
        this.accountSid = accountSid;
        this.username = username;
        this.password = password;
        this.authToken = authToken;
    }

    /**
     * @throws IllegalStateException when neither credential form is complete, or a value the REST calls
     *                               would use cannot be sent (the message names the field only)
     */
    static SmsCredentials of(TenantConnector connector) {
        String accountSid = connector.requireSetting(SmsSettings.ACCOUNT_SID).trim();
        Optional<String> token = connector.secrets().get(AUTH_TOKEN);
        Optional<String> keySid = connector.secrets().get(API_KEY_SID);
        Optional<String> keySecret = connector.secrets().get(API_KEY_SECRET);
        SmsCredentials credentials;
        // API keys are preferred for REST calls when both forms are given: they can be revoked alone.
        if (keySid.isPresent() && keySecret.isPresent()) {
            credentials = new SmsCredentials(accountSid, keySid.get(), keySecret.get(), token.orElse(null));
            requireSendable(API_KEY_SID, keySid.get());
            requireSendable(API_KEY_SECRET, keySecret.get());
        } else if (token.isPresent()) {
            credentials = new SmsCredentials(accountSid, accountSid, token.get(), token.get());
            requireSendable(AUTH_TOKEN, token.get());
        } else {
            throw new IllegalStateException("connector sms of tenant " + connector.tenantId()
                    + " has neither authToken nor apiKeySid + apiKeySecret");
        }
        requireSendable(SmsSettings.ACCOUNT_SID, accountSid);
        return credentials;
    }

    /**
     * Every configured credential value that cannot be sent, one line per field: the Account SID (in the
     * URL path and the Basic-auth user name) and each secret, the auth token included even with API
     * keys, since webhooks are verified with it.
     */
    static List<String> problems(TenantConnector connector) {
        List<String> problems = new ArrayList<>();
        connector.setting(SmsSettings.ACCOUNT_SID)
                .flatMap(sid -> CredentialValues.headerTokenProblem(SmsSettings.ACCOUNT_SID, sid))
                .ifPresent(problems::add);
        for (String secret : List.of(AUTH_TOKEN, API_KEY_SID, API_KEY_SECRET)) {
            connector.secrets().get(secret).flatMap(value -> CredentialValues.headerTokenProblem(secret, value))
                    .ifPresent(problems::add);
        }
        return problems;
    }

    private static void requireSendable(String field, String value) {
        CredentialValues.headerTokenProblem(field, value).ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
    }

    String accountSid() {
        return accountSid;
    }

    /** The Basic-auth user name: the Account SID, or the API key SID. */
    String username() {
        return username;
    }

    String password() {
        return password;
    }

    boolean usesApiKey() {
        return !username.equals(accountSid);
    }

    /** The key of {@code X-Twilio-Signature}, if configured. */
    Optional<String> signingToken() {
        return Optional.ofNullable(authToken);
    }

    String basicAuthorization() {
        String pair = username + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** A one-way digest telling credential sets apart (cache key), never the credentials themselves. */
    String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {accountSid, username, password}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Removes every secret value from a text that came from elsewhere (a provider's error message). */
    String redact(String text) {
        if (text == null) {
            return null;
        }
        List<String> secrets = new ArrayList<>(List.of(password));
        if (authToken != null) {
            secrets.add(authToken);
        }
        String result = text;
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                result = result.replace(secret, "***");
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return "SmsCredentials[" + accountSid + (usesApiKey() ? ", api key " + username : ", auth token") + ", ***]";
    }
}

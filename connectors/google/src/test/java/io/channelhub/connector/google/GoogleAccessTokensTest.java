package io.channelhub.connector.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.channelhub.connector.google.RbmStubs.ACCESS_TOKEN;
import static io.channelhub.connector.google.RbmStubs.TOKEN_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.api.client.http.javanet.NetHttpTransport;
import io.channelhub.core.error.PermanentChannelException;
import io.channelhub.core.error.TransientChannelException;
import io.channelhub.core.model.HubJson;
import io.channelhub.core.spi.TenantConnector;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tokens from the key's {@code token_uri} through Google's library: the signed assertion it posts, the
 * cache per tenant and key, refresh before expiry, and failures classified without quoting anything secret.
 */
class GoogleAccessTokensTest {

    @RegisterExtension
    static WireMockExtension google = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final NetHttpTransport transport = new NetHttpTransport();
    private final GoogleAccessTokens tokens = new GoogleAccessTokens(() -> transport);

    private TenantConnector tenant() {
        return RbmStubs.tenant(google);
    }

    @Test
    void theLibraryPostsAJwtSignedWithTheKeyForTheRbmScopeToTheKeysTokenUri() throws Exception {
        RbmStubs.tokenEndpointIssues(google, ACCESS_TOKEN, 3600);
        assertThat(tokens.bearer(tenant()).header()).isEqualTo("Bearer " + ACCESS_TOKEN);

        LoggedRequest request = google.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH))).get(0);
        Map<String, String> form = form(request.getBodyAsString());
        assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
        String[] jwt = form.get("assertion").split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(GoogleFixtures.RSA.getPublic());
        rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
        JsonNode claims = HubJson.mapper().readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertThat(claims.path("iss").asText()).isEqualTo(GoogleFixtures.SERVICE_ACCOUNT_EMAIL);
        assertThat(claims.path("scope").asText()).isEqualTo(GoogleServiceAccountKey.SCOPE);
        // the library always names Google's token service as audience, wherever token_uri points
        assertThat(claims.path("aud").asText()).isEqualTo("https://oauth2.googleapis.com/token");
    }

    @Test
    void aValidTokenIsReusedForTheTenant() {
        RbmStubs.tokenEndpointIssues(google, ACCESS_TOKEN, 3600);
        tokens.bearer(tenant());
        tokens.bearer(tenant());
        tokens.bearer(tenant());
        google.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void aTokenAboutToExpireIsRefreshedBeforeUse() {
        // Google's library refreshes a token that has less than a few minutes left.
        RbmStubs.tokenEndpointIssues(google, ACCESS_TOKEN, 60);
        tokens.bearer(tenant());
        tokens.bearer(tenant());
        google.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void aReplacedKeyIsANewEntryAndTenantsDoNotShareTokens() {
        RbmStubs.tokenEndpointIssues(google, ACCESS_TOKEN, 3600);
        tokens.bearer(tenant());
        TenantConnector otherKey = GoogleFixtures.tenant(RbmStubs.tokenUri(google), Map.of(), Map.of(
                GoogleSettings.SERVICE_ACCOUNT_KEY, GoogleFixtures.serviceAccountKey(
                        GoogleFixtures.SERVICE_ACCOUNT_EMAIL, RbmStubs.tokenUri(google) + "?rotated")));
        tokens.bearer(otherKey);
        TenantConnector otherTenant = new TenantConnector("dealer-043", "google", tenant().settings(),
                tenant().secrets());
        tokens.bearer(otherTenant);
        google.verify(3, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void aRefusedKeyIsACredentialsFailureThatQuotesNothingSecret() {
        google.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(GoogleFixtures.text("outbound/token-invalid-grant.json"))));
        Throwable thrown = catchThrowable(() -> tokens.bearer(tenant()));
        assertThat(thrown).isInstanceOfSatisfying(PermanentChannelException.class, e -> {
            assertThat(e.credentialsRejected()).isTrue();
            assertThat(e.providerCode()).isEqualTo("400");
            assertThat(e.getMessage()).contains("create a new key").doesNotContain("invalid_grant", "JWT", "BEGIN",
                    google.baseUrl());
            assertThat(e.getCause()).isNull();
        });
    }

    @Test
    void aFailingTokenEndpointIsTransientAndTriedOnce() {
        google.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(503)));
        assertThat(catchThrowable(() -> tokens.bearer(tenant()))).isInstanceOf(TransientChannelException.class)
                .hasMessageContaining("503").hasNoCause();
        google.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void anUnreachableTokenEndpointIsTransient() {
        assertThat(catchThrowable(() -> tokens.bearer(GoogleFixtures.tenant())))
                .isInstanceOf(TransientChannelException.class).hasNoCause();
    }

    @Test
    void aKeyThatIsNoServiceAccountKeyIsACredentialsFailureWithoutACall() {
        TenantConnector broken = GoogleFixtures.tenant(RbmStubs.tokenUri(google), Map.of(),
                Map.of(GoogleSettings.SERVICE_ACCOUNT_KEY, "{\"type\":\"authorized_user\",\"refresh_token\":\"1//x\"}"));
        assertThat(catchThrowable(() -> tokens.bearer(broken))).isInstanceOfSatisfying(PermanentChannelException.class,
                e -> assertThat(e.getMessage()).doesNotContain("1//x"));
        google.verify(0, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void theBearerPrintsAsStars() {
        RbmStubs.tokenEndpointIssues(google, ACCESS_TOKEN, 3600);
        assertThat(tokens.bearer(tenant()).toString()).isEqualTo("***");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new java.util.HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return form;
    }
}

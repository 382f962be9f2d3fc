package io.channelhub.app.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.app.support.H2HubTest;
import io.channelhub.core.model.HubJson;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, restricted content through the running hub and the one pre-send gate, with the test connector's
 * provider a WireMock: refused with {@code restricted_content} naming the kind and never the value, before any
 * provider call; or sent with the value masked; a number of the same shape that fails its checksum is sent as
 * written. A policy the hub does not know is a 400 when the connector is saved.
 */
class RestrictedContentEndToEndTest extends H2HubTest {
    static final String CARD = "4111 1111 1111 1111";
    private String tenant;
    private String account;

    @BeforeEach
    void aTenant() {
        tenant = "restricted-" + UUID.randomUUID().toString().substring(0, 8);
        account = "acct-" + tenant;
        send("PUT", "/admin/v1/tenants/" + tenant, OPS, "{\"name\":\"" + tenant + "\"}");
        PROVIDER.stubFor(post(urlEqualTo("/" + account + "/messages")).willReturn(aResponse().withStatus(200)
                .withBody("{\"id\":\"p-{{randomValue length=12 type='ALPHANUMERIC'}}\"}")
                .withTransformers("response-template")));
    }

    @Test
    void rejectedWithTheKindAndNeverTheValueBeforeAnyProviderCall() throws Exception {
        connector("reject");
        String id = submit("Uw kaart " + CARD + " is geregistreerd");

        JsonNode view = awaitEnded(id);
        assertThat(view.path("status").asText()).isEqualTo("rejected");
        JsonNode rejected = view.path("history").get(view.path("history").size() - 1);
        assertThat(rejected.path("reasonCode").asText()).isEqualTo("restricted_content");
        assertThat(rejected.path("detail").asText()).contains("card_number");
        assertThat(view.path("history").toString()).doesNotContain("4111 1111 1111 1111".substring(5));
        PROVIDER.verify(0, postRequestedFor(urlEqualTo("/" + account + "/messages")));
    }

    @Test
    void redactedIsSentWithTheValueMaskedAndAFailingChecksumIsSentAsWritten() throws Exception {
        connector("redact");
        String masked = submit("Uw kaart " + CARD + ", IBAN NL91 ABNA 0417 1643 00");
        String order = submit("Uw ordernummer 4111 1111 1111 1112 is verzonden");

        assertThat(awaitEnded(masked).path("status").asText()).isEqualTo("sent");
        assertThat(awaitEnded(order).path("status").asText()).isEqualTo("sent");
        var bodies = PROVIDER.findAll(postRequestedFor(urlEqualTo("/" + account + "/messages"))).stream()
                .map(r -> r.getBodyAsString()).toList();
        assertThat(bodies).anySatisfy(b -> assertThat(b)
                .contains("Uw kaart [card_number removed], IBAN [iban removed]").doesNotContain("4111 1111 1111 1111"));
        assertThat(bodies).anySatisfy(b -> assertThat(b).contains("Uw ordernummer 4111 1111 1111 1112"));
    }

    @Test
    void offSendsAsWrittenAndAnUnknownPolicyIsRefused() throws Exception {
        connector("off");
        assertThat(awaitEnded(submit("kaart " + CARD)).path("status").asText()).isEqualTo("sent");

        HttpResponse<String> bad = send("PUT", "/admin/v1/tenants/" + tenant + "/connectors/test", OPS,
                connectorJson("sometimes"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("restrictedContent");
    }

    private void connector(String policy) {
        HttpResponse<String> r = send("PUT", "/admin/v1/tenants/" + tenant + "/connectors/test", OPS,
                connectorJson(policy));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private String connectorJson(String policy) {
        return "{\"enabled\":true,\"settings\":{\"account\":\"" + account + "\",\"restrictedContent\":\"" + policy
                + "\"},\"secrets\":{\"token\":\"tok\",\"signingSecret\":\"sig\"}}";
    }

    private String submit(String text) throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/tenants/" + tenant + "/messages", PLATFORM,
                "{\"channel\":\"test\",\"to\":\"+31612345678\",\"content\":{\"type\":\"text\",\"text\":\"" + text
                        + "\"}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return HubJson.mapper().readTree(r.body()).path("id").asText();
    }

    private JsonNode awaitEnded(String id) throws Exception {
        JsonNode[] view = new JsonNode[1];
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            view[0] = HubJson.mapper().readTree(send("GET", "/api/v1/tenants/" + tenant + "/messages/" + id, PLATFORM,
                    null).body());
            return !view[0].path("status").asText().equals("accepted");
        });
        return view[0];
    }
}

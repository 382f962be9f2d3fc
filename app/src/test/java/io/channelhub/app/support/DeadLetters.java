package io.channelhub.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelhub.core.model.HubJson;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;

/** What a process test's hub dead-lettered, through the ops API. */
public final class DeadLetters {
    private DeadLetters() {
    }

    /** The hub ids (and dispatch bodies, which are hub ids) of the tenant's dead letters. */
    public static Set<String> ids(HubProcess hub, String tenant, String opsToken) throws Exception {
        HttpResponse<String> answer = hub.call("GET", "/admin/v1/dead-letters?tenantId=" + tenant + "&limit=1000",
                opsToken, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Set<String> ids = new HashSet<>();
        for (JsonNode letter : HubJson.mapper().readTree(answer.body())) {
            ids.add(letter.path("messageId").asText());
            ids.add(letter.path("body").asText()); // a dispatch item's body is the hub id
        }
        return ids;
    }
}

package io.channelhub.bench.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * The WhatsApp Cloud API (Graph) as a WireMock stub on 127.0.0.1: the credential check answers at once,
 * every send answers 200 with a fresh wamid after a fixed delay. Asynchronous responses, so a delayed
 * answer holds no container thread, and no request journal, so a long run does not fill the heap.
 */
public final class GraphStub implements AutoCloseable {
    public static final String PHONE_NUMBER_ID = "106540352242922";
    private final WireMockServer server;

    public GraphStub(int sendDelayMillis) {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(200).jettyAcceptors(1)
                .asynchronousResponseEnabled(true).asynchronousResponseThreads(50)
                .disableRequestJournal().templatingEnabled(true).globalTemplating(false));
        server.start();
        server.stubFor(get(urlPathEqualTo("/v26.0/" + PHONE_NUMBER_ID)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"" + PHONE_NUMBER_ID + "\"}")));
        server.stubFor(post(urlPathEqualTo("/v26.0/" + PHONE_NUMBER_ID + "/messages")).willReturn(aResponse()
                .withStatus(200).withFixedDelay(sendDelayMillis)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"x\",\"wa_id\":\"x\"}],"
                        + "\"messages\":[{\"id\":\"wamid.OUT{{randomValue type='UUID'}}\"}]}")
                .withTransformers("response-template")));
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    @Override
    public void close() {
        server.stop();
    }
}

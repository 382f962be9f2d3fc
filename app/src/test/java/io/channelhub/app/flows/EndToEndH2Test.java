package io.channelhub.app.flows;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The end-to-end flows on the embedded default: H2. */
class EndToEndH2Test extends EndToEndFlows {
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        h2(registry);
    }
}

package io.channelhub.app.support;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running hub on H2, shared by every test class that extends this one: the property source is the
 * same method for all of them, so Spring's test-context cache starts one hub (one broker, one database)
 * for the lot. Tests keep to their own tenants so they do not see each other's data.
 */
public abstract class H2HubTest extends HubTestBase {
    @DynamicPropertySource
    static void h2Hub(DynamicPropertyRegistry registry) {
        h2(registry);
    }
}

package io.channelhub.app.api;

import io.channelhub.app.HubProperties;
import io.channelhub.routes.WebhookIntakeFlow;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts {@link WebhookEndpoint} first in the filter chain of {@code /webhooks/*}, and into the API docs. */
@Configuration(proxyBeanMethods = false)
class WebhookEndpointConfiguration {

    @Bean
    FilterRegistrationBean<WebhookEndpoint> webhookEndpoint(WebhookIntakeFlow intake, HubProperties hub,
                                                            MeterRegistry meters) {
        FilterRegistrationBean<WebhookEndpoint> registration =
                new FilterRegistrationBean<>(new WebhookEndpoint(intake, hub, meters));
        registration.addUrlPatterns("/webhooks/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** A filter is no controller springdoc could find: the two paths are described here. */
    @Bean
    OpenApiCustomizer webhookPaths() {
        return api -> {
            api.addTagsItem(new Tag().name("webhooks").description("Provider webhooks, authenticated by the"
                    + " provider's signature"));
            api.path("/webhooks/{channel}/{tenantId}", webhook("Webhook of a tenant's connector (handshake on GET,"
                    + " events on POST)", true));
            api.path("/webhooks/{channel}", webhook("Platform-wide webhook; the tenant is found from the provider"
                    + " account in the payload", false));
        };
    }

    private static PathItem webhook(String summary, boolean perTenant) {
        Operation operation = new Operation().summary(summary).addTagsItem("webhooks")
                .addParametersItem(new PathParameter().name("channel").schema(new StringSchema()))
                .responses(new ApiResponses()
                        .addApiResponse("200", new ApiResponse().description("durably queued, or a handshake answered"))
                        .addApiResponse("4XX", new ApiResponse().description("refused (problem+json); nothing queued"))
                        .addApiResponse("503", new ApiResponse().description("cannot queue durably now; retry")));
        if (perTenant) {
            operation.addParametersItem(new PathParameter().name("tenantId").schema(new StringSchema()));
        }
        return new PathItem().get(operation).post(operation);
    }
}

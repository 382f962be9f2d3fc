package io.channelhub.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The channel hub: webhooks and the platform API in, durable queues through, providers out. */
// No Spring Security users: the console signs in with the hub's own ops tokens (console.SignInController)
@SpringBootApplication(scanBasePackages = {"io.channelhub.app", "io.channelhub.routes"},
        exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan({"io.channelhub.app", "io.channelhub.routes"})
@EnableScheduling
public class ChannelHubApplication {
    public static void main(String[] args) {
        SpringApplication.run(ChannelHubApplication.class, args);
    }
}

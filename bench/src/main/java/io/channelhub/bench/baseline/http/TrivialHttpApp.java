package io.channelhub.bench.baseline.http;

import io.channelhub.bench.baseline.ChildJvm;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.jms.JmsAutoConfiguration;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP baseline: the hub's server stack (Spring Boot 3.5, Spring MVC, embedded Tomcat with its defaults,
 * 200 threads, requests on virtual threads as the hub's config/application.yaml has them) with one POST
 * endpoint that reads the body and answers 200, nothing else. Runs in a child JVM of the harness
 * ({@link #main}), so that only it is measured and wrk alone loads it.
 */
@SpringBootApplication(exclude = {ArtemisAutoConfiguration.class, JmsAutoConfiguration.class})
@RestController
public class TrivialHttpApp {
    public static final String PATH = "/webhooks/trivial";

    @PostMapping(PATH)
    ResponseEntity<String> receive(@RequestBody byte[] body) {
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(body.length > 0 ? "EVENT_RECEIVED" : "EMPTY");
    }

    /** The child JVM's side: starts, answers {@code port N}, and stops when its stdin ends. */
    public static void main(String[] args) throws Exception {
        ConfigurableApplicationContext app = start();
        ChildJvm.reply("port " + port(app));
        while (System.in.read() >= 0) {
            // the harness closes stdin when the baseline is done
        }
        app.close();
        System.exit(0);
    }

    /** Starts on 127.0.0.1 and a free port. */
    public static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(TrivialHttpApp.class)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
                        "logging.level.root=WARN", "spring.jmx.enabled=false", "server.tomcat.threads.max=200",
                        "spring.threads.virtual.enabled=true")
                .run();
    }

    public static int port(ConfigurableApplicationContext context) {
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }
}

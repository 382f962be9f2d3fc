package io.channelhub.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import io.channelhub.routes.HubQueues;
import io.channelhub.routes.SubmitFlow;
import io.channelhub.routes.WebhookIntakeFlow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries of STYLE.md house rule 2, checked on the compiled classes (the app's own, the
 * routes and core jars, and every connector jar on the app's classpath). Each rule says how to fix a
 * violation.
 */
class ArchitectureTest {
    private static final List<String> CHANNEL_NAMES = List.of("whatsapp", "sms", "email", "messenger", "instagram",
            "google", "telegram");
    /** Connector modules shared by a family of channels (Meta's Graph API); a channel may use its family's. */
    private static final String FAMILY_PACKAGES = "io.channelhub.connector.meta..";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ArchitectureTest::isMainCode)
                .importPackages("io.channelhub");
    }

    /** Production classes only: no test classes of any module, nor core's test-jar (the contract test). */
    private static boolean isMainCode(Location location) {
        return ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(location)
                && !location.contains("-tests.jar") && !location.contains("/test-classes/");
    }

    @Test
    void theImportSeesEveryModule() {
        assertThat(classes.containPackage("io.channelhub.core.model")).isTrue();
        assertThat(classes.containPackage("io.channelhub.core.spi")).isTrue();
        assertThat(classes.containPackage("io.channelhub.routes")).isTrue();
        assertThat(classes.containPackage("io.channelhub.app")).isTrue();
        assertThat(classes.containPackage("io.channelhub.connector.whatsapp")).isTrue();
        assertThat(classes.containPackage("io.channelhub.connector.sms")).isTrue();
        assertThat(classes.containPackage("io.channelhub.connector.meta")).isTrue();
        assertThat(classes.stream().map(c -> c.getPackageName()).filter(p -> p.startsWith("io.channelhub.app.test")))
                .as("test-only classes are not part of the architecture").isEmpty();
    }

    @Test
    void coreIsPlainJava() {
        noClasses().that().resideInAPackage("io.channelhub.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.camel..",
                        "jakarta.jms..", "javax.jms..", "org.apache.activemq..")
                .because("core is the canonical model and SPI every connector compiles against; move the code "
                        + "that needs Spring, Camel or JMS to app (wiring) or routes (flows) and keep core to "
                        + "plain Java and Jackson")
                .check(classes);
    }

    @Test
    void connectorsDependOnCoreOnly() {
        noClasses().that().resideInAPackage("io.channelhub.connector..")
                .should().dependOnClassesThat().resideInAnyPackage("io.channelhub.app..", "io.channelhub.routes..",
                        "org.apache.camel..", "org.springframework..", "jakarta.jms..", "org.apache.activemq..")
                .because("a connector is a plain library behind the SPI in io.channelhub.core.spi: take what it "
                        + "needs from ConnectorEnvironment/TenantConnector, throw core's ChannelException types, "
                        + "and leave retries, queues and wiring to routes and app")
                .check(classes);
    }

    @Test
    void connectorsDoNotDependOnEachOther() {
        slices().matching("io.channelhub.connector.(*)..").namingSlices("connector $1")
                .should().notDependOnEachOther()
                .ignoreDependency(DescribedPredicate.alwaysTrue(),
                        JavaClass.Predicates.resideInAPackage(FAMILY_PACKAGES))
                .because("each channel is its own module; move what two connectors share into core "
                        + "(io.channelhub.core.signature, io.channelhub.core.model), or into their family module "
                        + "(io.channelhub.connector.meta for the Graph API channels), instead of importing another "
                        + "connector")
                .check(classes);
    }

    @Test
    void aFamilyModuleKnowsNoChannelOfItsFamily() {
        noClasses().that().resideInAPackage(FAMILY_PACKAGES)
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.channelhub.connector..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage(FAMILY_PACKAGES))))
                .because("a family module holds what its channels share; what only one channel needs stays in that "
                        + "channel's module, and the family calls it only through what the channel passes in")
                .check(classes);
    }

    @Test
    void routesKnowNeitherTheAppNorAnyConnector() {
        noClasses().that().resideInAPackage("io.channelhub.routes..")
                .should().dependOnClassesThat().resideInAnyPackage("io.channelhub.app..", "io.channelhub.connector..")
                .because("routes are generic over channels: declare what a route needs as a port in "
                        + "io.channelhub.routes.port and implement it in app; reach connectors only through the "
                        + "SPI in io.channelhub.core.spi")
                .check(classes);
    }

    @Test
    void onlyTheRoutesTouchCamel() {
        noClasses().that().resideInAPackage("io.channelhub.app..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.camel..")
                .because("the routes own the topology (issue 16): app code hands its messages to a typed port in "
                        + "io.channelhub.routes.port (Publisher, or a step's return value), never to Camel")
                .check(classes);
    }

    @Test
    void theAppReachesTheRoutesOnlyThroughPortsAndTheFlowsFrontDoors() {
        noClasses().that().resideInAPackage("io.channelhub.app..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.channelhub.routes..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage("io.channelhub.routes.port..")))
                        .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(WebhookIntakeFlow.class,
                                SubmitFlow.class))))
                .because("the routes own the topology (issue 16): steps return typed outcomes "
                        + "(io.channelhub.routes.port.Outgoing) and the routes map each to its queue; the app reaches "
                        + "the routes through the ports, and the HTTP doors through WebhookIntakeFlow and SubmitFlow")
                .check(classes);
    }

    @Test
    void theAppNamesNoQueue() throws IOException {
        Path sources = sources("app");
        List<String> names = new ArrayList<>(List.of(HubQueues.ALL));
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                for (String literal : stringLiterals(Files.readString(file, StandardCharsets.UTF_8))) {
                    if (names.contains(literal) || literal.startsWith("_AMQ")) {
                        violations.add(sources.relativize(file) + ": \"" + literal + "\"");
                    }
                }
            }
        }
        assertThat(violations)
                .as("app code must not name a queue or set broker routing properties: return a typed outcome "
                        + "(io.channelhub.routes.port.Outgoing) and let io.channelhub.routes.Topology address it")
                .isEmpty();
    }

    @Test
    void routesNameNoChannel() throws IOException {
        Path sources = sources("routes");
        List<String> violations = new ArrayList<>();
        Pattern channel = Pattern.compile("\\b(" + String.join("|", CHANNEL_NAMES) + ")\\b");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                for (String literal : stringLiterals(Files.readString(file, StandardCharsets.UTF_8))) {
                    Matcher m = channel.matcher(literal.toLowerCase(Locale.ROOT));
                    if (m.find()) {
                        violations.add(sources.relativize(file) + ": \"" + literal + "\"");
                    }
                }
            }
        }
        assertThat(violations)
                .as("routes must not name a channel (string literals naming one were found); the channel comes "
                        + "from the message or the path at run time, and channel-specific behaviour belongs in the "
                        + "connector or in a capability of its ChannelDescriptor")
                .isEmpty();
    }

    @Test
    void theLiteralScannerFindsWhatItShould() {
        String source = """
                // "whatsapp" in a comment is fine
                /* so is "sms" here */
                class X {
                    String a = "email";
                    String b = "esc\\"aped \\\\ messenger";
                    char c = '"';
                    String d = \"""
                        google text block
                        \""";
                }
                """;
        assertThat(stringLiterals(source)).hasSize(3);
        assertThat(stringLiterals(source).get(0)).isEqualTo("email");
        assertThat(stringLiterals(source).get(1)).contains("messenger");
        assertThat(stringLiterals(source).get(2)).contains("google");
    }

    private static Path sources(String module) {
        for (Path candidate : List.of(Path.of("../" + module + "/src/main/java"), Path.of(module + "/src/main/java"))) {
            if (Files.isDirectory(candidate.resolve("io/channelhub/" + module))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new AssertionError(module + " sources not found from " + Path.of("").toAbsolutePath());
    }

    /** The contents of the string literals and text blocks of a Java source, comments skipped. */
    static List<String> stringLiterals(String src) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (src.startsWith("//", i)) {
                int end = src.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (src.startsWith("\"\"\"", i)) {
                int end = i + 3;
                while (end < n && !src.startsWith("\"\"\"", end)) {
                    end += src.charAt(end) == '\\' ? 2 : 1;
                }
                literals.add(src.substring(i + 3, Math.min(end, n)));
                i = end + 3;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < n && src.charAt(end) != c && src.charAt(end) != '\n') {
                    end += src.charAt(end) == '\\' ? 2 : 1;
                }
                if (c == '"') {
                    literals.add(src.substring(i + 1, Math.min(end, n)));
                }
                i = end + 1;
            } else {
                i++;
            }
        }
        return literals;
    }
}

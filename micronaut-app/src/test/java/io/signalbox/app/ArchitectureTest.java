package io.signalbox.app;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import io.micronaut.http.annotation.Controller;

/**
 * docs/architecture.md, Modules and the package rules of the service: of ours it depends on {@code routes},
 * {@code processors} and {@code topology}; it carries no local mode; its controllers sit in the packages of the API's
 * features; problem details are one package every feature uses; no feature package reaches back to itself through
 * others.
 */
@AnalyzeClasses(packages = "io.signalbox.app", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The packages whose features the REST API and the web page expose. */
    private static final String[] API_FEATURES = {"io.signalbox.app.admission", "io.signalbox.app.download",
        "io.signalbox.app.job", "io.signalbox.app.presigned", "io.signalbox.app.recipe", "io.signalbox.app.upload",
        "io.signalbox.app.web", "io.signalbox.app.webhook"};

    @ArchTest
    void ofOursDependsOnRoutesProcessorsAndTheTopologyAlone(JavaClasses app) {
        noClasses().should().dependOnClassesThat(resideInAPackage("io.signalbox..").and(resideOutsideOfPackages(
                        "io.signalbox.app..", "io.signalbox.routes..", "io.signalbox.processors..",
                        "io.signalbox.topology..")))
                .because("local mode starts the application; the application does not know local mode")
                .check(app);
    }

    @ArchTest
    void usesNoEmbeddedServer(JavaClasses app) {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.gaul..", "org.elasticmq..",
                        "org.apache.pekko..", "io.zonky..")
                .because("S3Proxy, ElasticMQ and the embedded PostgreSQL are only in local mode's jar")
                .check(app);
    }

    @ArchTest
    void controllersSitInTheApiFeaturesAndNothingCallsThem(JavaClasses app) {
        classes().that().areAnnotatedWith(Controller.class)
                .should().resideInAnyPackage(API_FEATURES)
                .andShould().notHaveModifier(JavaModifier.PUBLIC)
                .andShould().onlyHaveDependentClassesThat().resideInAnyPackage(API_FEATURES)
                .check(app);
    }

    @ArchTest
    void problemDetailsKnowNoFeature(JavaClasses app) {
        noClasses().that().resideInAPackage("io.signalbox.app.api")
                .should().dependOnClassesThat(resideInAPackage("io.signalbox.app..")
                        .and(resideOutsideOfPackages("io.signalbox.app.api")))
                .because("every feature answers its errors through io.signalbox.app.api")
                .check(app);
    }

    @ArchTest
    void noFeatureNeedsTheCamelHosting(JavaClasses app) {
        noClasses().that().resideOutsideOfPackages("io.signalbox.app.camel..", "io.signalbox.app")
                .should().dependOnClassesThat().resideInAPackage("io.signalbox.app.camel..")
                .because("the Camel hosting builds on the features; what they know of the routes is in routing")
                .check(app);
    }

    @ArchTest
    void storageKnowsNoFeature(JavaClasses app) {
        noClasses().that().resideInAPackage("io.signalbox.app.storage..")
                .should().dependOnClassesThat(resideInAPackage("io.signalbox.app..")
                        .and(resideOutsideOfPackages("io.signalbox.app.storage..")))
                .because("every feature reaches storage through its clients and ObjectStore")
                .check(app);
    }

    @ArchTest
    void theJobCoreDependsOnNoFeatureBuiltOnIt(JavaClasses app) {
        noClasses().that().resideInAPackage("io.signalbox.app.job..")
                .should().dependOnClassesThat(resideInAPackage("io.signalbox.app..").and(resideOutsideOfPackages(
                        "io.signalbox.app.job..", "io.signalbox.app.api..", "io.signalbox.app.logging..",
                        "io.signalbox.app.routing..", "io.signalbox.app.storage..", "io.signalbox.app.tenant..")))
                .because("the features built on jobs reach the job core through its ports, never the reverse")
                .check(app);
    }

    @ArchTest
    void thePartnerSliceMovesFilesOnlyThroughTheRoutes(JavaClasses app) {
        noClasses().that().resideInAPackage("io.signalbox.app.partner..")
                .should().dependOnClassesThat().haveFullyQualifiedName("software.amazon.awssdk.services.s3.S3Client")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.apache.camel.ProducerTemplate")
                .because("a drop's files are taken by the ingest-drop route's storage steps, and outbox files are "
                        + "written through the storage routes")
                .check(app);
    }

    @ArchTest
    void hasNoCyclesBetweenFeatures(JavaClasses app) {
        slices().matching("io.signalbox.app.(*)..").should().beFreeOfCycles()
                .check(app);
    }
}

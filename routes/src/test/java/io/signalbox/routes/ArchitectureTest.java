package io.signalbox.routes;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import io.signalbox.routes.common.GroupRoutes;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;

/**
 * docs/architecture.md, Modules and "Routes hold no computation": {@code routes} depends on {@code topology},
 * {@code processors}, Camel, the AWS SDK and Jackson; the route builders take their beans through constructors, and
 * the ports those beans implement are defined here and implemented in the application.
 */
@AnalyzeClasses(packages = "io.signalbox.routes", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final DescribedPredicate<JavaClass> PORTS = DescribedPredicate.describe(
            "ports of the routes (their interfaces other than GroupRoutes)",
            type -> type.isInterface() && type.getPackageName().startsWith("io.signalbox.routes")
                    && !type.isEquivalentTo(GroupRoutes.class));

    @ArchTest
    void dependsOnlyOnTopologyProcessorsCamelAndTheAwsSdk(JavaClasses routes) {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("io.signalbox.routes..",
                        "io.signalbox.topology..", "io.signalbox.processors..", "org.apache.camel..",
                        "software.amazon.awssdk..", "com.fasterxml.jackson..", "org.slf4j..", "java..")
                .because("the routes know neither the application that hosts them nor local mode")
                .check(routes);
    }

    @ArchTest
    void routeBuildersTakeTheirBeansThroughConstructors(JavaClasses routes) {
        classes().that().implement(RoutesBuilder.class).should().haveOnlyFinalFields()
                .andShould().haveModifier(JavaModifier.FINAL).check(routes);
    }

    @ArchTest
    void portsAreImplementedByTheApplication(JavaClasses routes) {
        noClasses().that().areNotInterfaces().should().implement(PORTS).check(routes);
    }

    @ArchTest
    void theIngestRoutesMakeEveryStorageCallAsARouteStep(JavaClasses routes) {
        noClasses().that().resideInAPackage("io.signalbox.routes.ingest..")
                .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk.services.s3")
                .orShould().dependOnClassesThat().areAssignableTo(ProducerTemplate.class)
                .because("every transfer of taking a drop is a step of ingest-drop that operators see; its beans only"
                        + " decide what each answer means")
                .check(routes);
    }

    @ArchTest
    void hasNoCyclesBetweenItsFeatures(JavaClasses routes) {
        slices().matching("io.signalbox.routes.(*)..").should().beFreeOfCycles().check(routes);
    }
}

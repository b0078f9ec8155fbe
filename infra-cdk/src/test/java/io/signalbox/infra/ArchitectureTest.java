package io.signalbox.infra;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/**
 * docs/architecture.md, Modules: the CDK app depends on nothing of ours but {@code topology} (the route groups); it
 * declares the bucket layout again in {@code UploadStorage}.
 */
@AnalyzeClasses(packages = "io.signalbox.infra", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    void dependsOnNothingOfOursButTheTopology(JavaClasses infra) {
        noClasses().should().dependOnClassesThat(resideInAPackage("io.signalbox..")
                .and(resideOutsideOfPackage("io.signalbox.infra.."))
                .and(resideOutsideOfPackage("io.signalbox.topology.."))).check(infra);
    }
}

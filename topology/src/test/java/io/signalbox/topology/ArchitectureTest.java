package io.signalbox.topology;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/** docs/architecture.md, Modules: {@code topology} may depend on nothing at all. */
@AnalyzeClasses(packages = "io.signalbox.topology", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    void dependsOnNothingButTheJdk(JavaClasses topology) {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("io.signalbox.topology..", "java..")
                .because("every other module reaches topology, so it may reach none of them nor any library")
                .check(topology);
    }
}

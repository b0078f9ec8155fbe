package io.signalbox.local;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/**
 * docs/architecture.md, Modules: {@code local-mode} depends on {@code micronaut-app} and {@code local-aws} (and what
 * they carry), never on the test fixtures.
 */
@AnalyzeClasses(packages = "io.signalbox.local", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    void ofOursDependsOnTheApplicationAndTheEmbeddedServersAlone(JavaClasses localMode) {
        noClasses().should().dependOnClassesThat(resideInAPackage("io.signalbox..").and(resideOutsideOfPackages(
                        "io.signalbox.local..", "io.signalbox.app..", "io.signalbox.localaws..",
                        "io.signalbox.routes..", "io.signalbox.processors..", "io.signalbox.topology..")))
                .check(localMode);
    }
}

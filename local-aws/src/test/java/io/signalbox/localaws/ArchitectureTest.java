package io.signalbox.localaws;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/** docs/architecture.md, Modules: of ours, {@code local-aws} depends on {@code topology} alone. */
@AnalyzeClasses(packages = "io.signalbox.localaws", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    void ofOursDependsOnTheTopologyAlone(JavaClasses localAws) {
        noClasses().should().dependOnClassesThat(resideInAPackage("io.signalbox..")
                        .and(resideOutsideOfPackages("io.signalbox.localaws..", "io.signalbox.topology..")))
                .because("the embedded servers declare the same queues and events as AWS, from the topology")
                .check(localAws);
    }
}

package io.signalbox.processors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/**
 * docs/architecture.md, Modules: {@code processors} depends on nothing of ours, nor on Camel, Micronaut or the AWS
 * SDK; only on Jackson, FastDoubleParser, picocli and parquet-java.
 */
@AnalyzeClasses(packages = "io.signalbox.processors", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    void dependsOnlyOnItsOwnLibraries(JavaClasses processors) {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("io.signalbox.processors..", "java..",
                        // the JDK's own: the process's CPU time, for the bench command
                        "com.sun.management..",
                        "com.fasterxml.jackson..", "ch.randelshofer.fastdoubleparser..", "picocli..",
                        "org.apache.parquet..",
                        // parquet-java's abstract classes name Hadoop's Configuration, which ParquetOutput refuses
                        "org.apache.hadoop.conf..")
                .because("the engine runs the same inside the service, on the command line and in the benchmarks")
                .check(processors);
    }

    @ArchTest
    void hasNoCyclesBetweenItsPackages(JavaClasses processors) {
        slices().matching("io.signalbox.processors.(*)..").should().beFreeOfCycles().check(processors);
    }
}

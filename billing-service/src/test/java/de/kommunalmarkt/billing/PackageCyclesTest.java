package de.kommunalmarkt.billing;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/**
 * No feature package of billing's main code ({@code run}, {@code invoice}, {@code payment}, …, each with
 * whatever lies below it) depends, directly or through others, on a package that depends back on it.
 */
@AnalyzeClasses(packages = "de.kommunalmarkt.billing", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageCyclesTest {

    /**
     * A method, not an {@code ArchRule} field: surefire 3.5.3 on JUnit Platform 6 drops the result of an
     * {@code @ArchTest} field (a violated rule shows as "Tests run: 0" and the build passes).
     */
    @ArchTest
    void featurePackagesAreFreeOfCycles(JavaClasses billing) {
        slices().matching("de.kommunalmarkt.billing.(*)..").should().beFreeOfCycles().check(billing);
    }
}

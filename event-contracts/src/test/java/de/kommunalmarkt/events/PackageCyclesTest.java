package de.kommunalmarkt.events;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/**
 * No package of this module's main code depends, directly or through others, on a package that depends
 * back on it. Each package is a slice of its own, {@code de.kommunalmarkt.events} itself included (the pattern
 * {@code de.kommunalmarkt.events.(**)} would leave it out).
 */
@AnalyzeClasses(packages = "de.kommunalmarkt.events", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageCyclesTest {

    /**
     * A method, not an {@code ArchRule} field: surefire 3.5.3 on JUnit Platform 6 drops the result of an
     * {@code @ArchTest} field (a violated rule shows as "Tests run: 0" and the build passes).
     */
    @ArchTest
    void packagesAreFreeOfCycles(JavaClasses main) {
        slices().matching("de.kommunalmarkt.(**)").should().beFreeOfCycles().check(main);
    }
}

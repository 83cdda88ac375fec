package org.gongjian.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * {@code Math.abs(Long.MIN_VALUE)} is negative, so {@code Math.abs(x) > MAX} let a rule of
 * -9223372036854775808 points through a ±100,000 check. Bounds are written as ranges ({@code x <
 * -MAX || x > MAX}); where an absolute value is needed, {@code Math.absExact} fails instead of
 * overflowing.
 */
@AnalyzeClasses(packages = "org.gongjian", importOptions = ImportOption.DoNotIncludeTests.class)
class OverflowTest {

    @ArchTest
    static final ArchRule no_code_takes_an_absolute_value_that_can_overflow = noClasses()
            .should()
            .callMethod(Math.class, "abs", long.class)
            .orShould()
            .callMethod(Math.class, "abs", int.class)
            .because("Math.abs(MIN_VALUE) is negative: compare with a range or use Math.absExact");
}

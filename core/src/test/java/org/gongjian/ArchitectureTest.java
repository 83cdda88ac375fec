package org.gongjian;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.gongjian.access.ForbiddenException;
import org.gongjian.audit.AuditsDenials;
import org.gongjian.plugins.PluginHost;

/** The boundaries of STYLE.md, checked on the compiled classes of core, the plugin SDK and db. */
@AnalyzeClasses(packages = "org.gongjian", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule the_plugin_sdk_depends_only_on_the_jdk_and_pf4j = classes()
            .that()
            .resideInAPackage("org.gongjian.plugin.api..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("org.gongjian.plugin.api..", "java..", "javax..", "org.pf4j..");

    @ArchTest
    static final ArchRule nothing_in_core_depends_on_the_ui = noClasses()
            .that()
            .resideInAPackage("org.gongjian..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.vaadin..");

    @ArchTest
    static final ArchRule feature_packages_do_not_depend_on_each_other_in_cycles =
            slices().matching("org.gongjian.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule repositories_are_not_public = classes()
            .that()
            .resideInAPackage("org.gongjian..")
            .and()
            .haveSimpleNameEndingWith("Repository")
            .should()
            .notBePublic();

    /** A refusal that no one audits would be invisible: see {@link AuditsDenials}. */
    @ArchTest
    static final ArchRule services_that_refuse_have_their_refusals_audited = classes()
            .that()
            .resideInAPackage("org.gongjian..")
            .and()
            .areNotAssignableTo(ForbiddenException.class)
            .and(new DescribedPredicate<JavaClass>("construct a ForbiddenException") {
                @Override
                public boolean test(JavaClass c) {
                    return c.getConstructorCallsFromSelf().stream()
                            .anyMatch(call -> call.getTargetOwner().isEquivalentTo(ForbiddenException.class));
                }
            })
            .should()
            .beAnnotatedWith(AuditsDenials.class);

    @ArchTest
    static void every_package_explains_itself_in_a_package_info(JavaClasses imported) {
        assertThat(packagesWithoutPackageInfo(imported)).isEmpty();
    }

    /**
     * The same check on core's class directory alone, imported without any import option, so that
     * it holds even if the import above ever filtered package-info classes out.
     */
    @ArchTest
    static void every_core_package_explains_itself_in_a_package_info(JavaClasses ignored) throws Exception {
        Path coreClasses = Path.of(PluginHost.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        JavaClasses core = new ClassFileImporter().importPath(coreClasses);

        assertThat(core.stream().map(JavaClass::getPackageName))
                .as("core's packages were imported")
                .contains("org.gongjian.security", "org.gongjian.plugins", "org.gongjian.organizations");
        assertThat(packagesWithoutPackageInfo(core)).isEmpty();
    }

    private static Set<String> packagesWithoutPackageInfo(JavaClasses classes) {
        Set<String> packages = classes.stream()
                .map(JavaClass::getPackageName)
                .filter(p -> p.startsWith("org.gongjian"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(packages).as("classes were imported").isNotEmpty();
        packages.removeIf(p -> classes.contain(p + ".package-info"));
        return packages;
    }
}

package org.gongjian.ui;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.vaadin.flow.router.Route;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The boundaries of the UI, as core's ArchitectureTest checks them for core: feature packages in
 * no import cycle, pages package-private, and the frame (layout, dashboard) knowing no feature: the
 * features contribute to it.
 */
@AnalyzeClasses(packages = "org.gongjian.ui", importOptions = ImportOption.DoNotIncludeTests.class)
class UiArchitectureTest {

    /** The menu, the dashboard, and what every page uses: who is signed in, the messages. */
    private static final String[] FRAME = {
        "org.gongjian.ui.layout..",
        "org.gongjian.ui.dashboard..",
        "org.gongjian.ui.security..",
        "org.gongjian.ui.i18n.."
    };

    @ArchTest
    static final ArchRule ui_packages_do_not_depend_on_each_other_in_cycles =
            slices().matching("org.gongjian.ui.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule pages_are_package_private = classes()
            .that()
            .areAnnotatedWith(Route.class)
            .should()
            .notBePublic()
            .because("a page is opened by its route, never by its class from another package");

    @ArchTest
    static final ArchRule the_menu_imports_no_page = noClasses()
            .that()
            .resideInAPackage("org.gongjian.ui.layout..")
            .should()
            .dependOnClassesThat()
            .areAnnotatedWith(Route.class)
            .because("features contribute NavigationEntry beans to the menu");

    @ArchTest
    static final ArchRule the_frame_knows_no_feature = noClasses()
            .that()
            .resideInAnyPackage(FRAME)
            .should()
            .dependOnClassesThat(resideInAPackage("org.gongjian.ui..").and(not(resideInAnyPackage(FRAME))))
            .because("features contribute NavigationEntry and DashboardCard beans to the frame");

    @ArchTest
    static void every_ui_package_explains_itself_in_a_package_info(JavaClasses imported) {
        Set<String> packages =
                imported.stream().map(JavaClass::getPackageName).collect(Collectors.toCollection(TreeSet::new));
        assertThat(packages).as("classes were imported").contains("org.gongjian.ui.layout");
        packages.removeIf(p -> imported.contain(p + ".package-info"));
        assertThat(packages).isEmpty();
    }
}

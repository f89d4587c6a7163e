package org.connectdoctor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The OS seam, stated so nobody has to remember it (issue #12 §1): JNA only in sys, each OS's
 * backend reached only through the switch points in sys, JavaFX only in ui, and the explanation
 * and report layers free of any backend. Checked on the compiled main classes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ArchitectureTest {

    private static final String BASE = "org.connectdoctor";
    private static final List<String> BACKENDS = List.of(BASE + ".sys.linux", BASE + ".sys.windows", BASE + ".sys.darwin");
    /** The only places outside a backend that name it: each chooses the running OS's implementation. */
    /** The one composition root of the backends, and the methods in it that may name one. */
    private static final Map<String, Set<String>> SWITCH_POINTS = Map.of(
            BASE + ".sys.Platform", Set.of("capabilities", "detect"));

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(BASE);
        assertTrue(classes.contain(BASE + ".sys.HostState"), "the main classes were imported");
    }

    @Test
    void noTwoTopLevelPackagesDependOnEachOtherInACircle() {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                .matching(BASE + ".(*)..").should().beFreeOfCycles()
                .because("data flows one way: a package never reaches back to one above it").check(classes);
    }

    @Test
    void jnaIsUsedOnlyInTheSysPackages() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage(BASE + ".sys..")
                .should().dependOnClassesThat().resideInAPackage("com.sun.jna..")
                .because("only the native layer touches JNA types; parsing and logic live above it");
        rule.check(classes);
    }

    @Test
    void javaFxIsUsedOnlyInTheUi() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage(BASE + ".ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .because("the probe, the explanation and the reports run without a window");
        rule.check(classes);
    }

    @Test
    void eachBackendIsReachedOnlyThroughTheSwitchPoints() {
        for (String backend : BACKENDS) {
            var rule = noClasses().that().resideOutsideOfPackage(backend + "..");
            for (String switchPoint : SWITCH_POINTS.keySet()) {
                rule = rule.and().doNotHaveFullyQualifiedName(switchPoint);
            }
            rule.should().dependOnClassesThat().resideInAPackage(backend + "..")
                    .because("code above the seam never knows which OS runs; " + backend + " is chosen in sys only")
                    .check(classes);
        }
    }

    /** Inside the switch classes, only the switch method itself names a backend. */
    @Test
    void theSwitchPointsNameABackendOnlyInTheSwitchMethod() {
        ArchCondition<JavaClass> onlyInSwitch = new ArchCondition<>("name a backend only in its OS switch method") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                Set<String> allowed = SWITCH_POINTS.get(c.getFullName());
                for (JavaAccess<?> access : c.getAccessesFromSelf()) {
                    String target = access.getTargetOwner().getPackageName();
                    boolean backend = BACKENDS.stream().anyMatch(b -> target.equals(b) || target.startsWith(b + "."));
                    if (backend && !allowed.contains(access.getOrigin().getName())) {
                        events.add(SimpleConditionEvent.violated(c, access.getDescription()));
                    }
                }
            }
        };
        var rule = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes().that()
                .haveFullyQualifiedName(BASE + ".sys.Platform");
        rule.should(onlyInSwitch).check(classes);
    }

    @Test
    void explanationAndReportsNeverImportABackend() {
        for (String layer : List.of(BASE + ".explain..", BASE + ".report..")) {
            noClasses().that().resideInAPackage(layer)
                    .should().dependOnClassesThat().resideInAnyPackage(BACKENDS.stream().map(b -> b + "..").toArray(String[]::new))
                    .check(classes);
        }
    }

    /**
     * The explanation reads this computer through HostState and Capabilities only: it opens no
     * socket, asks no routing socket and calls nothing of NativeSockets (the parameter that the
     * old constructors still accept is not consulted).
     */
    @Test
    void explanationReadsTheComputerOnlyThroughHostState() {
        noClasses().that().resideInAPackage(BASE + ".explain..")
                .should().dependOnClassesThat().haveFullyQualifiedName(BASE + ".sys.NativeSocket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(BASE + ".sys.HostRoutes")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(BASE + ".sys.SysException")
                .orShould().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "the target is a method of NativeSockets",
                        call -> call.getTargetOwner().getFullName().equals(BASE + ".sys.NativeSockets")))
                .check(classes);
    }

    /**
     * No Linux fact in an OS-neutral source file: the /proc paths, the sun_path limit and Linux
     * socket flags are named only in sys/linux (and the other backends for their own facts).
     * Comments count: a doc that names /proc above the seam is a fact in the wrong place.
     */
    @Test
    void noLinuxFactOutsideTheLinuxPackage() throws IOException {
        Path root = Path.of("src/main/java/org/connectdoctor");
        assertTrue(Files.isDirectory(root), "run from the project directory: " + root.toAbsolutePath());
        Map<String, Set<String>> allowedElsewhere = Map.of(
                "sys/windows/", Set.of("sun_path"),
                "sys/darwin/", Set.of("sun_path"),
                // the words by which Linux-only entries of the bundled pages are left out on other systems
                "explain/LinuxOnly.java", Set.of("/proc"));
        List<String> found = new ArrayList<>();
        int files;
        try (Stream<Path> all = Files.walk(root)) {
            List<Path> sources = all.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            files = sources.size();
            for (Path p : sources) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (rel.startsWith("sys/linux/")) {
                    continue;
                }
                Set<String> allowed = allowedElsewhere.entrySet().stream().filter(e -> rel.startsWith(e.getKey()))
                        .findFirst().map(Map.Entry::getValue).orElse(Set.of());
                List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    for (String fact : List.of("/proc", "sun_path", "SOCK_NONBLOCK")) {
                        if (lines.get(i).contains(fact) && !allowed.contains(fact)) {
                            found.add(rel + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        assertTrue(files > 50, "only " + files + " source files found under " + root);
        assertEquals(List.of(), found, "Linux facts outside sys/linux");
    }

    /**
     * One composition root picks the OS backends (#24): the contracts of sys name no backend in
     * their code, only sys.Platform does, so no contract and backend import each other.
     */
    @Test
    void onlyPlatformNamesTheBackends() throws IOException {
        Path sys = Path.of("src/main/java/org/connectdoctor/sys");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(sys)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                if (p.getFileName().toString().equals("Platform.java")) {
                    continue;
                }
                List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) {
                        continue; // a comment may say where the backends are
                    }
                    if (line.matches(".*\\borg\\.connectdoctor\\.sys\\.(linux|windows|darwin)\\b.*")) {
                        found.add(p.getFileName() + ":" + (i + 1) + ": " + line);
                    }
                }
            }
        }
        assertEquals(List.of(), found, "a contract of sys names a backend: only Platform picks them");
    }
}

package io.assetgateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The package layering")
class ArchitectureTest {
  static final String BASE = "io.assetgateway";
  /** Packages that hold a feature: routes, handlers, service, storage of one kind of thing. */
  static final String[] FEATURES = {BASE + ".auth..", BASE + ".client..", BASE + ".wallet..", BASE + ".account..",
      BASE + ".asset..", BASE + ".ratelimit..", BASE + ".ops..", BASE + ".cli..", BASE + ".registry..",
      BASE + ".keys..", BASE + ".db..", BASE + ".config..", BASE + ".webhook..",
      BASE + ".idempotency..", BASE + ".ledger..", BASE + ".transaction..",
      BASE + ".transfer..", BASE + ".chain.."};
  static JavaClasses production;

  @BeforeAll
  static void importClasses() {
    production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(BASE);
  }

  /** The rules, also applied by the mutation check below to a deliberately cyclic fixture. */
  static ArchRule noCycles() {
    return slices().matching(BASE + ".(*)..").should().beFreeOfCycles();
  }

  @Test
  @DisplayName("no package depends on itself through others (no cycles)")
  void noPackageCycles() {
    noCycles().check(production);
  }

  @Test
  @DisplayName("the web toolkit depends on no feature, nor on the composition root")
  void webKnowsNoFeature() {
    noClasses().that().resideInAPackage(BASE + ".web..")
        .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
        .orShould().dependOnClassesThat().resideInAPackage(BASE)
        .check(production);
  }

  @Test
  @DisplayName("a storage class is used only by its own feature's service")
  void storageOnlyThroughItsService() {
    classes().that().haveSimpleNameEndingWith("Storage")
        .should(onlyBeAccessedByTheServiceOfTheirPackage())
        .check(production);
  }

  @Test
  @DisplayName("features never reach into the composition root")
  void featuresDoNotDependOnTheRoot() {
    noClasses().that().resideInAnyPackage(FEATURES).and().resideOutsideOfPackage(BASE + ".cli..")
        .should().dependOnClassesThat().resideInAPackage(BASE)
        .check(production);
  }

  @Test
  @DisplayName("no name look-ups: InetAddress.getByName would send an X-Forwarded-For entry like 'cafe' to DNS, blocking a loop")
  void noNameLookups() {
    // the one deliberate look-up: a webhook destination's host, resolved on a worker to check where it points
    noClasses().that().doNotHaveFullyQualifiedName(BASE + ".webhook.DestinationPolicy")
        .should().callMethod(java.net.InetAddress.class, "getByName", String.class)
        .orShould().callMethod(java.net.InetAddress.class, "getAllByName", String.class)
        .check(production);
  }

  @Test
  @DisplayName("the cycle rule fails on a package cycle (the rule itself can fail)")
  void cycleRuleCatchesACycle() {
    JavaClasses cyclic = new ClassFileImporter().importPackages("io.assetgateway.architecture.cyclic");
    org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
        () -> slices().matching("io.assetgateway.architecture.cyclic.(*)..").should().beFreeOfCycles().check(cyclic));
  }

  private static ArchCondition<JavaClass> onlyBeAccessedByTheServiceOfTheirPackage() {
    return new ArchCondition<>("only be accessed by the *Service of their own package") {
      @Override
      public void check(JavaClass storage, ConditionEvents events) {
        storage.getAccessesToSelf().forEach(access -> {
          JavaClass caller = access.getOriginOwner();
          while (caller.getEnclosingClass().isPresent()) {
            caller = caller.getEnclosingClass().get();
          }
          boolean ok = caller.equals(storage) || (caller.getPackageName().equals(storage.getPackageName())
              && caller.getSimpleName().endsWith("Service"));
          if (!ok) {
            events.add(SimpleConditionEvent.violated(access, access.getDescription()));
          }
        });
      }
    };
  }
}

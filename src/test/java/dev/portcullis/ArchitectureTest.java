package dev.portcullis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of DESIGN.md, kept by the build: arrows point one way, from the pages ({@code
 * web} packages) through the features to {@code factor}, {@code account}, {@code audit} and {@code
 * platform}; nothing outside a {@code web} package touches Faces or PrimeFaces; a feature's pages
 * use the shared {@code dev.portcullis.web}, never another feature's pages.
 */
class ArchitectureTest {

  /**
   * From the bottom up; a package may depend only on those before it (and on itself). The four
   * methods (recovery, totp, yubikey, webauthn) stand side by side: see {@link
   * #aMethodNeverImportsAnother}.
   */
  private static final List<String> LAYERS =
      List.of(
          "platform",
          "mail",
          "audit",
          "account",
          "factor",
          "recovery",
          "totp",
          "yubikey",
          "webauthn",
          "security",
          "admin",
          "ticket",
          "notice");

  private static JavaClasses portal;

  @BeforeAll
  static void importTheMainClasses() {
    portal =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.portcullis");
  }

  @Test
  void noCorePackageImportsAPage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("..web..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..web..")
        .because("rules live in the features; pages only pass things on")
        .check(portal);
  }

  @Test
  void onlyPagesUseFacesOrPrimeFaces() {
    noClasses()
        .that()
        .resideOutsideOfPackage("..web..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("jakarta.faces..", "org.primefaces..", "org.omnifaces..")
        .check(portal);
  }

  @Test
  void aFeaturesPagesNeverImportAnotherFeaturesPages() {
    for (String feature : LAYERS) {
      String own = "dev.portcullis." + feature + ".web";
      if (portal.stream().noneMatch(c -> c.getPackageName().equals(own))) {
        continue; // this feature has no pages
      }
      noClasses()
          .that()
          .resideInAPackage(own)
          .should()
          .dependOnClassesThat(
              com.tngtech.archunit.base.DescribedPredicate.describe(
                  "are in another feature's web package",
                  c ->
                      c.getPackageName().matches("dev\\.portcullis\\.[a-z]+\\.web")
                          && !c.getPackageName().equals(own)))
          .because("what pages share lives in dev.portcullis.web")
          .check(portal);
    }
  }

  @Test
  void lowerFeaturesNeverImportHigherOnes() {
    for (int i = 0; i < LAYERS.size(); i++) {
      List<String> higher =
          LAYERS.subList(i + 1, LAYERS.size()).stream()
              .map(p -> "dev.portcullis." + p + "..")
              .toList();
      if (higher.isEmpty()) {
        continue;
      }
      String[] above = new java.util.ArrayList<>(higher).toArray(String[]::new);
      String[] withShared =
          java.util.stream.Stream.concat(
                  java.util.Arrays.stream(above), java.util.stream.Stream.of("dev.portcullis.web"))
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage("dev.portcullis." + LAYERS.get(i))
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(withShared)
          .check(portal);
    }
  }

  @Test
  void aMethodNeverImportsAnother() {
    List<String> methods = List.of("recovery", "totp", "yubikey", "webauthn");
    for (String method : methods) {
      String[] others =
          methods.stream()
              .filter(m -> !m.equals(method))
              .map(m -> "dev.portcullis." + m + "..")
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage("dev.portcullis." + method + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(others)
          .because("a method plugs in through the factor contracts, so adding one touches no other")
          .check(portal);
    }
  }
}

package dev.portcullis.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PagesTest {

  @Test
  void theEnrollmentGateOpensSecuritySettingsRecoveryCodesAndTheMethodsEnrollmentOnly() {
    assertTrue(Pages.enrollment("faces/app/security.xhtml"));
    assertTrue(Pages.enrollment("faces/app/recovery-codes.xhtml"));
    assertTrue(Pages.enrollment("faces/app/totp/enroll.xhtml"));
    assertTrue(Pages.enrollment("faces/app/totp/qr.png"));
    assertTrue(Pages.enrollment("faces/app/yubikey/enroll.xhtml"));
    assertFalse(Pages.enrollment("faces/app/index.xhtml"));
    assertFalse(Pages.enrollment("faces/app/security.xhtml.bak"));
    assertFalse(Pages.enrollment("faces/admin/index.xhtml"));
  }

  @Test
  void pathsAreServletPaths() {
    assertEquals("/faces/login.xhtml", Pages.path(Pages.LOGIN));
  }

  @Test
  void anAccountsAdminPageCarriesItsIdEncoded() {
    assertEquals("faces/admin/account.xhtml?id=a%2Bb%26c", Pages.adminAccount("a+b&c"));
  }
}

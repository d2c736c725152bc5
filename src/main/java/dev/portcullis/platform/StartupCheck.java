package dev.portcullis.platform;

/**
 * A bean whose settings are checked before the portal serves anyone ({@link ConfigurationCheck}).
 * Most check in their {@code @PostConstruct}, which {@link #check()} triggers by reaching the bean.
 */
public interface StartupCheck {

  /**
   * Checks the bean's settings.
   *
   * @throws RuntimeException whose message names the setting and says what is wrong with it
   */
  void check();
}

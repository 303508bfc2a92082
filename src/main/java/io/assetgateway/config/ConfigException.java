package io.assetgateway.config;

/** Bad configuration: the message names the setting and is printed as the one start-up error line. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String setting, String problem) {
    super(setting + ": " + problem);
  }
}

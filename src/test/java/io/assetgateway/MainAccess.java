package io.assetgateway;

import java.nio.file.Path;
import picocli.CommandLine;

/** Lets tests in other packages reach Main's package-private command line. */
public final class MainAccess {
  private MainAccess() {}

  public static CommandLine standard() {
    return Main.standard();
  }

  public static Path conf(CommandLine cli) {
    return ((Main) cli.getCommand()).conf;
  }
}

package io.silverback.ops.backup;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The running Silverback's version, from the runnable jar's {@code silverback-version.properties}. */
public final class SilverbackVersion {
  private static final String VERSION = load();

  private SilverbackVersion() {}

  /** The version, or {@code "development"} when run outside the built jar (tests). */
  public static String current() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = SilverbackVersion.class.getResourceAsStream("/silverback-version.properties")) {
      if (in == null) {
        return "development";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "development");
    } catch (IOException e) {
      return "development";
    }
  }
}

package io.hedgestream.launcher;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code hedge --version}: the launcher jar's Implementation-Version. */
public final class HedgeVersion implements IVersionProvider {

  /** Used by picocli. */
  public HedgeVersion() {}

  /** The version line. */
  @Override
  public String[] getVersion() {
    String version = HedgeVersion.class.getPackage().getImplementationVersion();
    return new String[] {"hedge " + (version == null ? "(development build)" : version)
        + " on Java " + Runtime.version()};
  }
}

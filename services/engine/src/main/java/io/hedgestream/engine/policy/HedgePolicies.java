package io.hedgestream.engine.policy;

import java.util.List;

/** The policies the engine can be configured with by name ({@code engine.policy}). */
public final class HedgePolicies {

  /** Names accepted by {@link #named}. */
  public static final List<String> NAMES = List.of("delta", "none");

  private HedgePolicies() {}

  /**
   * The policy of a name.
   *
   * @param name {@code delta} or {@code none}
   * @return a new policy
   * @throws IllegalArgumentException for another name
   */
  public static HedgePolicy named(String name) {
    switch (name) {
      case "delta":
        return new DeltaHedgePolicy();
      case "none":
        return new NoHedgePolicy();
      default:
        throw new IllegalArgumentException("unknown policy '" + name + "'; known: " + NAMES);
    }
  }
}

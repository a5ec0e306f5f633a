package io.hedgestream.launcher;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The scenarios {@code hedge demo --scenario} and {@code hedge feed --scenario} select: each is a layer of
 * default properties under the command's config files and {@code --set}, so any of its settings can be
 * overridden.
 *
 * <ul>
 *   <li>{@code flow} (the default): the GBM market and random client flow of {@link DemoConfig#serviceDefaults()}.
 *   <li>{@code sabr-book}: the trainer's SABR book environment ({@code feed.scenario=sabr-book}, see the
 *       feed's {@code SabrBookSettings}) on one symbol {@code SIM} with one book, two simulated days per wall
 *       second; the delta policy; listed strikes on a 0.01 grid (spot starts at 10); the paper exchange
 *       charging options the environment's base cost, 0.5% of their value, and the underlying nothing
 *       ({@code gateway.paper.fee-bps=0}, the environment's {@code underlying_cost=0}).
 * </ul>
 */
final class Scenarios {

  /** The scenario names. */
  static final List<String> NAMES = List.of("flow", "sabr-book");

  private static final Map<String, String> SABR_BOOK = Map.ofEntries(
      Map.entry("feed.scenario", "sabr-book"),
      Map.entry("feed.symbols", "SIM"),
      Map.entry("feed.orders.books-per-symbol", "1"),
      Map.entry("feed.speed", "x172800"),
      Map.entry("engine.policy", "delta"),
      Map.entry("engine.listed.strike-step", "0.01"),
      Map.entry("gateway.paper.option-pricing", "cost-fraction"),
      Map.entry("gateway.paper.option-cost-fraction", "0.005"),
      Map.entry("gateway.paper.fee-bps", "0"));

  private Scenarios() {}

  /**
   * The default properties of a scenario.
   *
   * @param name a scenario name, or null for the default
   * @param prefixes only properties with one of these prefixes (e.g. {@code feed.} for {@code hedge feed})
   * @return the properties
   * @throws IllegalArgumentException for an unknown name
   */
  static Map<String, String> defaults(String name, String... prefixes) {
    if (name == null || name.equals("flow")) {
      return Map.of();
    }
    if (!name.equals("sabr-book")) {
      throw new IllegalArgumentException("--scenario must be one of " + NAMES + ", got " + name);
    }
    return SABR_BOOK.entrySet().stream()
        .filter(e -> prefixes.length == 0 || List.of(prefixes).stream().anyMatch(p -> e.getKey().startsWith(p)))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}

package io.hedgestream.engine.instruments;

import io.hedgestream.config.SettingsReader;
import java.time.LocalTime;
import java.util.Objects;

/**
 * How the engine turns listed-option families into series and orders (part of the engine's config; the
 * property names and defaults are listed on {@code EngineConfig}).
 *
 * <ul>
 *   <li>{@code engine.listed.strike-step} [1.0]: the strike grid; a series' strike is the spot rounded to
 *       the nearest multiple (halves up), at least one step.</li>
 *   <li>{@code engine.listed.multiplier} [100]: underlying units per contract of every listed series.</li>
 *   <li>{@code engine.listed.expiry-time} [20:00]: listed series expire every calendar day at this UTC
 *       time; a family's series is the daily expiry nearest to now + N days.</li>
 *   <li>{@code engine.listed.roll-days} [7]: a book keeps its series of a family until its time to expiry
 *       falls below {@code min(roll-days, N / 2)} days, then rolls to a freshly resolved series.</li>
 * </ul>
 *
 * @param strikeStep strike grid spacing, > 0
 * @param multiplier underlying units per contract, > 0
 * @param expiryTimeUtc time of day (UTC) at which listed series expire
 * @param rollDays roll threshold in days, > 0
 */
public record ListedOptionRules(double strikeStep, double multiplier, LocalTime expiryTimeUtc, double rollDays) {

  /** The defaults: strike step 1, multiplier 100, expiries at 20:00 UTC, roll below 7 days. */
  public static final ListedOptionRules DEFAULTS = new ListedOptionRules(1.0, 100.0, LocalTime.of(20, 0), 7.0);

  /** Rejects non-positive or non-finite numbers. */
  public ListedOptionRules {
    Objects.requireNonNull(expiryTimeUtc, "expiryTimeUtc");
    requirePositive("strikeStep", strikeStep);
    requirePositive("multiplier", multiplier);
    requirePositive("rollDays", rollDays);
  }

  /**
   * Reads the {@code engine.listed.*} properties, recording bad values on the reader.
   *
   * @param in the engine's settings reader
   * @return the rules (defaults where a value is missing or bad)
   */
  public static ListedOptionRules from(SettingsReader in) {
    return new ListedOptionRules(
        in.positiveDecimal("engine.listed.strike-step", DEFAULTS.strikeStep()),
        in.positiveDecimal("engine.listed.multiplier", DEFAULTS.multiplier()),
        in.parsed("engine.listed.expiry-time", DEFAULTS.expiryTimeUtc(), LocalTime::parse),
        in.positiveDecimal("engine.listed.roll-days", DEFAULTS.rollDays()));
  }

  /** The roll threshold of a family in days: {@code min(rollDays, tenorDays / 2)}, so a fresh series never rolls at once. */
  public double rollThresholdDays(ListedFamily family) {
    return Math.min(rollDays, family.tenorDays() / 2.0);
  }

  private static void requirePositive(String name, double value) {
    if (!(Double.isFinite(value) && value > 0)) {
      throw new IllegalArgumentException(name + " must be finite and > 0, was " + value);
    }
  }
}

package io.hedgestream.feed;

import java.util.Locale;

/** What the feed simulates ({@code feed.scenario}). */
public enum Scenario {
  /** GBM or Heston ticks on a fixed grid and a random client flow of ATM calls and puts (the default). */
  FLOW,
  /**
   * The trainer's SABR book environment: one tick a decision day carrying the SABR parameters, and a
   * Poisson book of ATM client calls ({@link io.hedgestream.feed.sabr.SabrBookSettings}).
   */
  SABR_BOOK;

  /** The property value: {@code flow} or {@code sabr-book}. */
  public String propertyValue() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses a property value.
   *
   * @param value {@code flow} or {@code sabr-book}
   * @return the scenario
   * @throws IllegalArgumentException for any other value
   */
  public static Scenario parse(String value) {
    for (Scenario scenario : values()) {
      if (scenario.propertyValue().equals(value)) {
        return scenario;
      }
    }
    throw new IllegalArgumentException("scenario must be flow or sabr-book, got " + value);
  }
}

package io.hedgestream.feed.sabr;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Settings of the {@code sabr-book} scenario, named after the trainer's {@code SabrBookConfig} (property
 * names {@code feed.sabr.*}, listed on {@code FeedConfig}).
 *
 * <p>Time: one simulated step is one decision day of the environment, {@code 1 / daysPerYear} years. The
 * feed maps it to {@code 365 / daysPerYear} calendar days of event time, so the engine's ACT/365 time to
 * maturity of every option equals the environment's ({@code days * dt}). With {@code daysPerYear = 365}
 * (the default) a step is one calendar day and every tick falls at {@code tickTimeUtc}, the engine's daily
 * listed expiry time, so an {@code N}-step hedge option is exactly the listed family {@code CALL_ATM_<N>D}.
 * With 365 / daysPerYear a whole number (73: five days a step) ticks still fall at that time and an
 * {@code N}-step option is the family of {@code N * 365 / daysPerYear} days; otherwise (the environment's
 * 252) ticks drift through the day and listed series, which expire daily at the expiry time, are up to half
 * a day off the environment's hedge expiry. Book options are exact in every case: their expiry is on the
 * order.
 *
 * @param s0 initial spot, &gt; 0
 * @param sigma0 initial lognormal-equivalent vol, &gt; 0: {@code alpha0 = sigma0 * s0^(1 - beta)}
 * @param beta CEV exponent in [0, 1]
 * @param rho spot-vol correlation in (-1, 1)
 * @param volOfVol nu, &gt;= 0 (0 freezes alpha)
 * @param daysPerYear decision days per year, &gt; 0 (the environment's {@code days_per_year})
 * @param episodeDays days with client orders, then one last tick and the feed stops; 0 = unbounded
 * @param ordersPerDay Poisson rate of client orders per day, &gt;= 0
 * @param unitsPerOrder underlying units of each client call (the order's multiplier), &gt; 0
 * @param bookMaturityDays days from a client order to its expiry, &gt;= 1
 * @param atmVolDays tenor in days of the SABR ATM vol a tick carries as {@code atmImpliedVol} (the
 *     environment's {@code hedge_maturity_days}, so it is the state's {@code hedge_implied_vol}), &gt;= 1
 * @param tickTimeUtc time of day (UTC) of the first tick: set it to the engine's
 *     {@code engine.listed.expiry-time}
 */
public record SabrBookSettings(double s0, double sigma0, double beta, double rho, double volOfVol,
    double daysPerYear, int episodeDays, double ordersPerDay, double unitsPerOrder, int bookMaturityDays,
    int atmVolDays, LocalTime tickTimeUtc) {

  /** Microseconds per calendar day. */
  public static final long MICROS_PER_DAY = 86_400_000_000L;

  /** The environment's defaults, except {@code daysPerYear} 365 (a step is a calendar day). */
  public static final SabrBookSettings DEFAULTS =
      new SabrBookSettings(10, 0.3, 0.5, 0.2, 0.3, 365, 0, 1, 100, 60, 30, LocalTime.of(20, 0));

  /** Validates every field with a message naming it (the environment's rules). */
  public SabrBookSettings {
    Objects.requireNonNull(tickTimeUtc, "tickTimeUtc");
    require(s0 > 0 && Double.isFinite(s0) && sigma0 > 0 && Double.isFinite(sigma0), "s0 and sigma0 must be > 0");
    require(beta >= 0 && beta <= 1, "beta must be in [0, 1]");
    require(rho > -1 && rho < 1, "rho must be in (-1, 1)");
    require(volOfVol >= 0 && Double.isFinite(volOfVol), "vol-of-vol must be >= 0");
    require(daysPerYear > 0 && daysPerYear <= 365 * 24, "days-per-year must be in (0, 8760]");
    require(episodeDays >= 0, "episode-days must be >= 0");
    require(ordersPerDay >= 0 && Double.isFinite(ordersPerDay), "orders-per-day must be >= 0");
    require(unitsPerOrder > 0 && Double.isFinite(unitsPerOrder), "units-per-order must be > 0");
    require(bookMaturityDays >= 1 && atmVolDays >= 1, "book-maturity-days and atm-vol-days must be >= 1");
  }

  /** Initial SABR alpha: {@code sigma0 * s0^(1 - beta)} (the environment's lognormal-equivalent reading). */
  public double alpha0() {
    return sigma0 * Math.pow(s0, 1 - beta);
  }

  /** One step in years: {@code 1 / daysPerYear}. */
  public double dtYears() {
    return 1 / daysPerYear;
  }

  /** One step in event time: {@code 365 / daysPerYear} calendar days, rounded to the microsecond. */
  public long stepMicros() {
    return Math.round(365.0 / daysPerYear * MICROS_PER_DAY);
  }

  /** The first instant at {@link #tickTimeUtc} at or after {@code from}: the event time of day 0's tick. */
  public Instant firstTick(Instant from) {
    ZonedDateTime candidate = from.atZone(ZoneOffset.UTC).toLocalDate().atTime(tickTimeUtc).atZone(ZoneOffset.UTC);
    return candidate.toInstant().isBefore(from) ? candidate.plusDays(1).toInstant() : candidate.toInstant();
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}

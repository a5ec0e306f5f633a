package io.hedgestream.engine.instruments;

import io.hedgestream.engine.marking.MarketSnapshot;
import io.hedgestream.engine.state.HedgeSeries;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Resolves a listed family to the concrete series a book would trade now.
 *
 * <ul>
 *   <li>Expiry: listed series expire every calendar day at {@link ListedOptionRules#expiryTimeUtc()} UTC;
 *       the family's series is the daily expiry nearest to {@code now + N days} (a tie goes to the later one),
 *       and always after now.</li>
 *   <li>Strike: the mid rounded to the nearest multiple of {@link ListedOptionRules#strikeStep()} (halves up),
 *       at least one step.</li>
 *   <li>Multiplier: {@link ListedOptionRules#multiplier()}.</li>
 * </ul>
 */
public final class ListedSeriesResolver {

  /** Microseconds per calendar day. */
  public static final long MICROS_PER_DAY = 86_400L * 1_000_000L;

  private ListedSeriesResolver() {}

  /**
   * The series of {@code family} at {@code market}.
   *
   * @param family the family
   * @param market the market (symbol, event time, mid)
   * @param rules strike grid, expiry time, multiplier
   * @return the series, with its option id
   */
  public static HedgeSeries resolve(ListedFamily family, MarketSnapshot market, ListedOptionRules rules) {
    long now = market.eventMicros();
    long expiry = expiryNear(now + family.tenorDays() * MICROS_PER_DAY, now, rules);
    double strike = strikeNear(market.mid(), rules.strikeStep());
    return HedgeSeries.of(market.symbol(), family.name(), family.putCall(), strike, expiry, rules.multiplier());
  }

  /** The listed expiry nearest to {@code targetMicros} that is after {@code nowMicros}, epoch microseconds. */
  static long expiryNear(long targetMicros, long nowMicros, ListedOptionRules rules) {
    LocalDate day = Instant.ofEpochSecond(Math.floorDiv(targetMicros, 1_000_000L)).atZone(ZoneOffset.UTC).toLocalDate();
    long best = Long.MAX_VALUE;
    for (int offset = -1; offset <= 1; offset++) {
      long candidate = day.plusDays(offset).atTime(rules.expiryTimeUtc()).toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
      boolean closer = best == Long.MAX_VALUE
          || Math.abs(candidate - targetMicros) <= Math.abs(best - targetMicros);
      if (candidate > nowMicros && closer) {
        best = candidate;
      }
    }
    return best;
  }

  /** The strike on the grid nearest to {@code spot} (halves up), at least one step; exact decimal multiples. */
  static double strikeNear(double spot, double step) {
    long steps = Math.max(1, Math.round(spot / step));
    return BigDecimal.valueOf(step).multiply(BigDecimal.valueOf(steps)).doubleValue();
  }

  /** Days from {@code nowMicros} to the series' expiry. */
  public static double daysToExpiry(HedgeSeries series, long nowMicros) {
    return (series.expiryMicros() - nowMicros) / (double) MICROS_PER_DAY;
  }
}

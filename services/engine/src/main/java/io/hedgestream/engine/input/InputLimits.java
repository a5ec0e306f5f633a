package io.hedgestream.engine.input;

import io.hedgestream.basics.EpochMicros;
import io.hedgestream.config.SettingsReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What the engine believes of an input: the bounds, beyond the schema, that a record must meet before it can
 * move a book, a market or a clock. Each bound has a setting ({@code engine.input.*}), a default a desk
 * would choose, and a reason code; a record that breaks one is dead-lettered with a reason naming the setting
 * and never trades. The defaults admit every flow the project produces (simulated minutes, daily SPY
 * history 1993-2023 with its longest market closures, SABR smiles) and refuse absurd values.
 *
 * <table>
 *   <caption>engine.input.* settings</caption>
 *   <tr><th>name</th><th>default</th><th>a record is refused when</th></tr>
 *   <tr><td>min-event-time</td><td>1980-01-01T00:00:00Z</td><td>its event time is earlier</td></tr>
 *   <tr><td>max-event-time</td><td>2100-01-01T00:00:00Z</td><td>its event time is later (the first tick of
 *       a symbol has no earlier tick to be compared with)</td></tr>
 *   <tr><td>max-event-lead</td><td>P7D</td><td>its event time is more than this ahead of its symbol's latest
 *       accepted tick (daily data skips weekends and closures of up to 5 days)</td></tr>
 *   <tr><td>wall-clock-lead</td><td>none</td><td>its event time is more than this ahead of the engine's wall
 *       clock. Live trading sets it (e.g. PT5M, as {@code deploy/config/cluster.properties} does); the default
 *       {@code none} leaves it off, because simulated feeds and backtests run ahead of real time</td></tr>
 *   <tr><td>min-price, max-price</td><td>1e-4, 1e7</td><td>a tick's bid, ask or last is outside</td></tr>
 *   <tr><td>max-price-jump</td><td>0.5</td><td>a tick's mid is above (1 + this) or below 1 / (1 + this) times
 *       the symbol's last accepted mid</td></tr>
 *   <tr><td>max-spread</td><td>0.5</td><td>(ask - bid) / mid is larger</td></tr>
 *   <tr><td>last-band</td><td>0.1</td><td>last is below bid x (1 - this) or above ask x (1 + this)</td></tr>
 *   <tr><td>min-vol, max-vol</td><td>0.001, 5</td><td>the ATM implied vol is outside (annualised)</td></tr>
 *   <tr><td>max-abs-rate</td><td>1</td><td>|rate| or |dividend yield| is larger (annual, continuous)</td></tr>
 *   <tr><td>max-client-contracts</td><td>100000</td><td>a client order's |quantity| is larger</td></tr>
 *   <tr><td>max-multiplier</td><td>10000</td><td>an option's multiplier is larger</td></tr>
 *   <tr><td>strike-range</td><td>10</td><td>strike / spot is outside [1/this, this]</td></tr>
 *   <tr><td>premium-tolerance</td><td>1.0</td><td>|premium - model value| exceeds this fraction of the model
 *       value and also {@code premium-tolerance-of-spot} x spot</td></tr>
 *   <tr><td>premium-tolerance-of-spot</td><td>0.02</td><td>(see above; the floor for cheap options)</td></tr>
 *   <tr><td>max-expiry-horizon</td><td>P1830D</td><td>a client option expires more than this after the
 *       order (about 5 years)</td></tr>
 *   <tr><td>fill-price-tolerance</td><td>0.5</td><td>|fill price - engine price| exceeds this fraction of the
 *       engine's price (mid, or an option's model price) and also {@code premium-tolerance-of-spot} x spot</td></tr>
 *   <tr><td>max-fee-fraction</td><td>0.05</td><td>a fill's fee exceeds this fraction of its notional</td></tr>
 * </table>
 *
 * @param minEventMicros earliest believable event time, epoch microseconds
 * @param maxEventMicros latest believable event time, epoch microseconds
 * @param maxEventLeadMicros largest lead over the symbol's latest accepted tick, microseconds
 * @param wallClockLeadMicros largest lead over the wall clock, microseconds; {@link Long#MAX_VALUE} = no check
 *     (the default)
 * @param minPrice smallest believable price
 * @param maxPrice largest believable price
 * @param maxPriceJump largest relative move of the mid from the last accepted mid
 * @param maxSpread largest (ask - bid) / mid
 * @param lastBand how far outside [bid, ask] the last trade may be, relative
 * @param minVol smallest believable ATM vol
 * @param maxVol largest believable ATM vol
 * @param maxAbsRate largest |rate| and |dividend yield|
 * @param maxClientContracts largest |client quantity|
 * @param maxMultiplier largest option multiplier
 * @param strikeRange strike / spot must lie in [1 / strikeRange, strikeRange]
 * @param premiumTolerance relative tolerance of the premium against the model value
 * @param toleranceOfSpot absolute tolerance floor of premiums and fill prices, as a fraction of spot
 * @param maxExpiryHorizonMicros longest time from order to expiry, microseconds
 * @param fillPriceTolerance relative tolerance of a fill price against the engine's price
 * @param maxFeeFraction largest fee as a fraction of the fill's notional
 */
public record InputLimits(
    long minEventMicros,
    long maxEventMicros,
    long maxEventLeadMicros,
    long wallClockLeadMicros,
    double minPrice,
    double maxPrice,
    double maxPriceJump,
    double maxSpread,
    double lastBand,
    double minVol,
    double maxVol,
    double maxAbsRate,
    double maxClientContracts,
    double maxMultiplier,
    double strikeRange,
    double premiumTolerance,
    double toleranceOfSpot,
    long maxExpiryHorizonMicros,
    double fillPriceTolerance,
    double maxFeeFraction) {

  /** Prefix of every setting. */
  public static final String PREFIX = "engine.input.";
  /** The value of {@code engine.input.wall-clock-lead} that turns the wall-clock check off. */
  public static final String NO_WALL_CLOCK = "none";

  /** The defaults of the table above. */
  public static final InputLimits DEFAULTS = from(new SettingsReader(new java.util.Properties(), "engine."));

  /**
   * Reads the {@code engine.input.*} settings; problems are collected in {@code in}.
   *
   * @param in the engine's settings reader
   * @return the limits
   */
  public static InputLimits from(SettingsReader in) {
    long minEvent = EpochMicros.of(in.parsed(PREFIX + "min-event-time", Instant.parse("1980-01-01T00:00:00Z"),
        Instant::parse));
    long maxEvent = EpochMicros.of(in.parsed(PREFIX + "max-event-time", Instant.parse("2100-01-01T00:00:00Z"),
        Instant::parse));
    if (minEvent >= maxEvent) {
      in.error(PREFIX + "min-event-time must be before " + PREFIX + "max-event-time");
    }
    long lead = micros(in.positiveDuration(PREFIX + "max-event-lead", Duration.ofDays(7)));
    long wallLead = in.parsed(PREFIX + "wall-clock-lead", Long.MAX_VALUE, InputLimits::wallClockLead);
    double minPrice = positive(in, "min-price", 1e-4);
    double maxPrice = positive(in, "max-price", 1e7);
    if (minPrice >= maxPrice) {
      in.error(PREFIX + "min-price (" + minPrice + ") must be below " + PREFIX + "max-price (" + maxPrice + ")");
    }
    double minVol = positive(in, "min-vol", 0.001);
    double maxVol = positive(in, "max-vol", 5.0);
    if (minVol >= maxVol) {
      in.error(PREFIX + "min-vol (" + minVol + ") must be below " + PREFIX + "max-vol (" + maxVol + ")");
    }
    double strikeRange = in.decimal(PREFIX + "strike-range", 10, v -> v > 1 && Double.isFinite(v), "finite and > 1");
    return new InputLimits(minEvent, maxEvent, lead, wallLead, minPrice, maxPrice, positive(in, "max-price-jump", 0.5),
        positive(in, "max-spread", 0.5), positive(in, "last-band", 0.1), minVol, maxVol,
        positive(in, "max-abs-rate", 1.0), positive(in, "max-client-contracts", 100_000),
        positive(in, "max-multiplier", 10_000), strikeRange, positive(in, "premium-tolerance", 1.0),
        positive(in, "premium-tolerance-of-spot", 0.02),
        micros(in.positiveDuration(PREFIX + "max-expiry-horizon", Duration.ofDays(1830))),
        positive(in, "fill-price-tolerance", 0.5), positive(in, "max-fee-fraction", 0.05));
  }

  /** Whether the wall-clock check is on. */
  public boolean checksWallClock() {
    return wallClockLeadMicros != Long.MAX_VALUE;
  }

  /**
   * Checks an event time against the floor and the wall clock (the checks that need no state).
   *
   * @param what the field, for the reason (e.g. "tick time")
   * @param eventMicros the record's event time
   * @param wallMicros the engine's wall clock
   * @return the rejection, or null when the time is believable
   */
  public Rejection checkClock(String what, long eventMicros, long wallMicros) {
    if (eventMicros < minEventMicros) {
      return new Rejection(RejectCode.EVENT_TIME_OUT_OF_RANGE, what + " " + EpochMicros.toInstant(eventMicros)
          + " is before " + PREFIX + "min-event-time=" + EpochMicros.toInstant(minEventMicros));
    }
    if (eventMicros > maxEventMicros) {
      return new Rejection(RejectCode.EVENT_TIME_OUT_OF_RANGE, what + " " + EpochMicros.toInstant(eventMicros)
          + " is after " + PREFIX + "max-event-time=" + EpochMicros.toInstant(maxEventMicros));
    }
    if (checksWallClock() && eventMicros - wallMicros > wallClockLeadMicros) {
      return new Rejection(RejectCode.EVENT_TIME_OUT_OF_RANGE, what + " " + EpochMicros.toInstant(eventMicros)
          + " is more than " + PREFIX + "wall-clock-lead=" + Duration.ofNanos(wallClockLeadMicros * 1_000)
          + " ahead of the wall clock " + EpochMicros.toInstant(wallMicros));
    }
    return null;
  }

  /**
   * Checks an event time against the symbol's latest accepted tick.
   *
   * @param what the field, for the reason
   * @param eventMicros the record's event time
   * @param latestTickMicros the symbol's latest accepted tick time
   * @return the rejection, or null when the time is within {@code max-event-lead}
   */
  public Rejection checkLead(String what, long eventMicros, long latestTickMicros) {
    if (eventMicros > latestTickMicros && eventMicros - latestTickMicros > maxEventLeadMicros) {
      return new Rejection(RejectCode.EVENT_TIME_OUT_OF_RANGE, what + " " + EpochMicros.toInstant(eventMicros)
          + " is more than " + PREFIX + "max-event-lead=" + Duration.ofNanos(maxEventLeadMicros * 1_000)
          + " ahead of the symbol's latest tick at " + EpochMicros.toInstant(latestTickMicros));
    }
    return null;
  }

  /**
   * Whether {@code actual} is within tolerance of {@code reference}: off by at most
   * max({@code relative} x |reference|, {@code premium-tolerance-of-spot} x spot).
   */
  public boolean near(double actual, double reference, double relative, double spot) {
    double tolerance = Math.max(relative * Math.abs(reference), toleranceOfSpot * spot);
    return Math.abs(actual - reference) <= tolerance;
  }

  private static double positive(SettingsReader in, String name, double fallback) {
    return in.positiveDecimal(PREFIX + name, fallback);
  }

  private static long micros(Duration duration) {
    return duration.toNanos() / 1_000;
  }

  private static long wallClockLead(String text) {
    if (text.toLowerCase(Locale.ROOT).equals(NO_WALL_CLOCK)) {
      return Long.MAX_VALUE;
    }
    Duration lead;
    try {
      lead = Duration.parse(text.toUpperCase(Locale.ROOT));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("must be an ISO-8601 duration (PT5M) or " + NO_WALL_CLOCK);
    }
    if (lead.isNegative() || lead.isZero()) {
      throw new IllegalArgumentException("must be positive, or " + NO_WALL_CLOCK);
    }
    return micros(lead);
  }
}

package io.hedgestream.market;

import java.util.Objects;

/**
 * The rolling state of one symbol: its completed trading days ({@link DailyHistory}) and the current day
 * so far ({@link DayBar}), updated tick by tick in event-time order, with the contract's rolling features
 * as of the latest tick.
 *
 * <p>Definitions (those of {@code schemas/policy/features.json}):
 * <ul>
 *   <li>a tick belongs to the trading day {@link TradingDays#dayOf} of its event time; the first tick of a
 *       later day completes the current day;</li>
 *   <li>a day's close is the price of its latest tick (the engine passes the tick's {@code last}, which its
 *       decoder requires to be &gt; 0: for a daily bar, the close);</li>
 *   <li>a day's volume is the sum of its ticks' volumes ({@code MarketTick.volume} is per tick: shares
 *       traded since the previous tick); a negative or non-finite volume counts as 0;</li>
 *   <li>the features use the completed days and the current day's close and volume so far, never a later
 *       tick, so appending ticks never changes the features already computed for an earlier tick.</li>
 * </ul>
 * The two parts are stored separately: the history changes once a day, the current day on every tick.
 * Mutable; not thread-safe.
 */
public final class RollingMarketState {

  /** What a tick did to the state. */
  public enum Update {
    /** The tick updated the current day's close and volume. */
    SAME_DAY,
    /** The tick started a new day; the previous day, if any, moved into the history. */
    NEW_DAY,
    /** The tick was ignored: its day is before the current day, or its price is not finite and &gt; 0. */
    IGNORED
  }

  private final DailyHistory history;
  private DayBar today;
  private RollingFeatures features;

  /** The state of a symbol with no tick yet. */
  public RollingMarketState() {
    this(new DailyHistory(), null);
  }

  private RollingMarketState(DailyHistory history, DayBar today) {
    this.history = history;
    this.today = today;
  }

  /**
   * A state read back from its two stored parts.
   *
   * @param history the completed days
   * @param today the current day, or null before the first tick
   * @return the state (it takes ownership of {@code history})
   */
  public static RollingMarketState restore(DailyHistory history, DayBar today) {
    return new RollingMarketState(Objects.requireNonNull(history, "history"), today);
  }

  /**
   * Applies one tick.
   *
   * @param day the tick's trading day
   * @param price the tick's price (becomes the day's close)
   * @param volume shares traded since the previous tick
   * @return what the tick did; on {@link Update#NEW_DAY} both parts changed, on {@link Update#SAME_DAY}
   *     only the current day
   */
  public Update onTick(long day, double price, double volume) {
    if (!(price > 0) || !Double.isFinite(price) || (today != null && day < today.day())) {
      return Update.IGNORED;
    }
    double traded = volume > 0 && Double.isFinite(volume) ? volume : 0;
    features = null;
    if (today != null && day == today.day()) {
      today = today.plus(price, traded);
      return Update.SAME_DAY;
    }
    if (today != null) {
      history.append(today.close(), today.volume());
    }
    today = new DayBar(day, price, traded);
    return Update.NEW_DAY;
  }

  /** The completed days (owned by this state: do not modify). */
  public DailyHistory history() {
    return history;
  }

  /** The current day so far, or null before the first tick. */
  public DayBar today() {
    return today;
  }

  /** Daily closes held, the current day's included: at most {@value RollingFeature#HISTORY_CLOSES}. */
  public int closes() {
    return today == null ? 0 : history.count() + 1;
  }

  /** The rolling features as of the latest tick (computed once per tick, on first use). */
  public RollingFeatures features() {
    if (features == null) {
      if (today == null) {
        features = RollingFeatures.NONE;
      } else {
        int n = history.count() + 1;
        double[] closes = new double[n];
        double[] volumes = new double[n];
        history.copyWith(today, closes, volumes);
        features = RollingFeatures.of(closes, volumes);
      }
    }
    return features;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RollingMarketState that && history.equals(that.history)
        && Objects.equals(today, that.today);
  }

  @Override
  public int hashCode() {
    return 31 * history.hashCode() + Objects.hashCode(today);
  }

  @Override
  public String toString() {
    return "RollingMarketState[" + history + ", today=" + today + "]";
  }
}

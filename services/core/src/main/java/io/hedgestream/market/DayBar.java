package io.hedgestream.market;

/**
 * One trading day of a symbol as far as it is known: its close (the price of its latest tick) and the
 * volume traded over its ticks so far. For a completed day these are the day's close and volume.
 *
 * @param day the trading day, epoch day in the zone of {@link TradingDays}
 * @param close the day's close so far, &gt; 0
 * @param volume shares traded over the day's ticks so far, &gt;= 0
 */
public record DayBar(long day, double close, double volume) {

  /**
   * The bar after one more tick of the same day: its price becomes the close, its volume is added.
   *
   * @param price the tick's price
   * @param tickVolume shares traded since the previous tick
   * @return the updated bar
   */
  public DayBar plus(double price, double tickVolume) {
    return new DayBar(day, price, volume + tickVolume);
  }
}

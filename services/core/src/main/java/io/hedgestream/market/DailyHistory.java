package io.hedgestream.market;

import java.util.Arrays;

/**
 * The completed trading days of a symbol, newest last, at most {@value #CAPACITY} of them (older days are
 * dropped): the closes and volumes the rolling windows read besides the current day. A fixed ring, so an
 * appended day costs no allocation. Mutable; not thread-safe.
 */
public final class DailyHistory {

  /**
   * Completed days kept: the longest window (the {@code illiquid} flag's, {@value RollingFeature#HISTORY_CLOSES}
   * closes including the current day) needs 271 of them.
   */
  public static final int CAPACITY = RollingFeature.HISTORY_CLOSES - 1;

  private final double[] closes = new double[CAPACITY];
  private final double[] volumes = new double[CAPACITY];
  private int count;
  private int next;

  /** An empty history. */
  public DailyHistory() {}

  /**
   * A history holding the given days (oldest first; only the newest {@value #CAPACITY} are kept), e.g. as
   * read back from a store.
   *
   * @param closes daily closes, oldest first
   * @param volumes daily volumes, same length
   * @return the history
   * @throws IllegalArgumentException when the lengths differ
   */
  public static DailyHistory of(double[] closes, double[] volumes) {
    if (closes.length != volumes.length) {
      throw new IllegalArgumentException(closes.length + " closes but " + volumes.length + " volumes");
    }
    DailyHistory history = new DailyHistory();
    for (int i = 0; i < closes.length; i++) {
      history.append(closes[i], volumes[i]);
    }
    return history;
  }

  /**
   * Appends a completed day, dropping the oldest when full.
   *
   * @param close the day's close
   * @param volume the day's volume
   */
  public void append(double close, double volume) {
    closes[next] = close;
    volumes[next] = volume;
    next = (next + 1) % CAPACITY;
    count = Math.min(count + 1, CAPACITY);
  }

  /** Number of completed days held, at most {@value #CAPACITY}. */
  public int count() {
    return count;
  }

  /** The closes held, oldest first (a copy). */
  public double[] closes() {
    return ordered(closes);
  }

  /** The volumes held, oldest first (a copy). */
  public double[] volumes() {
    return ordered(volumes);
  }

  /**
   * Copies the held days and one more (the current day) into arrays of length {@code count() + 1}.
   *
   * @param last the current day
   * @param closesOut receives the closes, oldest first, {@code last.close()} at the end
   * @param volumesOut receives the volumes likewise
   */
  void copyWith(DayBar last, double[] closesOut, double[] volumesOut) {
    int start = (next - count + CAPACITY) % CAPACITY;
    for (int i = 0; i < count; i++) {
      int at = (start + i) % CAPACITY;
      closesOut[i] = closes[at];
      volumesOut[i] = volumes[at];
    }
    closesOut[count] = last.close();
    volumesOut[count] = last.volume();
  }

  private double[] ordered(double[] ring) {
    double[] out = new double[count];
    int start = (next - count + CAPACITY) % CAPACITY;
    for (int i = 0; i < count; i++) {
      out[i] = ring[(start + i) % CAPACITY];
    }
    return out;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DailyHistory that && Arrays.equals(closes(), that.closes())
        && Arrays.equals(volumes(), that.volumes());
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(closes()) + Arrays.hashCode(volumes());
  }

  @Override
  public String toString() {
    return "DailyHistory[" + count + " days]";
  }
}

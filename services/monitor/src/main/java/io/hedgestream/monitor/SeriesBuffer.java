package io.hedgestream.monitor;

/**
 * A bounded time series of rows (time plus a fixed number of values) for a chart, with the same resolution
 * over the whole history. Rows arrive in groups of {@code stride}; each group is stored as its most telling
 * row, the one whose column 0 (the value that matters most) moves furthest from the row stored before it,
 * so spikes survive. When the store is full, neighbouring pairs merge by the same rule and the stride
 * doubles: a day-long run keeps its shape, evenly, in a fixed amount of memory (the arrays grow by doubling up
 * to {@code capacity}, so a short series stays small). The newest row is always
 * kept as it came, so a chart ends at the latest figure.
 */
final class SeriesBuffer {

  private static final int INITIAL_ROWS = 256;

  private final int capacity;
  private final int columns;
  private double[] times;
  private double[][] values;
  private int size;
  private long stride = 1;
  private long appended;
  private long pendingCount;
  private double pendingTime;
  private final double[] pending;
  private double latestTime;
  private final double[] latest;

  /**
   * @param capacity rows stored at most (at least 8)
   * @param columns values per row
   */
  SeriesBuffer(int capacity, int columns) {
    if (capacity < 8) {
      throw new IllegalArgumentException("capacity must be >= 8, got " + capacity);
    }
    this.capacity = capacity;
    this.columns = columns;
    int rows = Math.min(capacity, INITIAL_ROWS);
    this.times = new double[rows];
    this.values = new double[columns][rows];
    this.pending = new double[columns];
    this.latest = new double[columns];
  }

  /** Appends a row; {@code row.length} must equal the number of columns. */
  void add(double time, double... row) {
    if (row.length != columns) {
      throw new IllegalArgumentException("expected " + columns + " values, got " + row.length);
    }
    appended++;
    latestTime = time;
    System.arraycopy(row, 0, latest, 0, columns);
    double reference = size == 0 ? row[0] : values[0][size - 1];
    if (pendingCount == 0 || deviation(row[0], reference) > deviation(pending[0], reference)) {
      pendingTime = time;
      System.arraycopy(row, 0, pending, 0, columns);
    }
    pendingCount++;
    if (pendingCount == stride) {
      store(pendingTime, pending);
      pendingCount = 0;
    }
  }

  /** Rows stored now (the pending group and the newest row aside). */
  int size() {
    return size;
  }

  /** Rows ever appended. */
  long appended() {
    return appended;
  }

  /** Appended rows per stored row now. */
  long stride() {
    return stride;
  }

  /** The newest value of a column, NaN when empty. */
  double last(int column) {
    return appended == 0 ? Double.NaN : latest[column];
  }

  /**
   * At most {@code points} rows (chosen by LTTB on column 0 when there are more), as column arrays: index 0
   * the times, then one array per value column. The newest row is always the last.
   */
  double[][] downsampled(int points) {
    boolean withPending = pendingCount > 0 && pendingTime != latestTime;
    // The newest row is stored already when its group just closed on it.
    boolean withLatest = appended > 0 && !(pendingCount == 0 && size > 0 && times[size - 1] == latestTime);
    int n = size + (withPending ? 1 : 0) + (withLatest ? 1 : 0);
    double[] t = new double[n];
    double[][] v = new double[columns][n];
    System.arraycopy(times, 0, t, 0, size);
    for (int c = 0; c < columns; c++) {
      System.arraycopy(values[c], 0, v[c], 0, size);
    }
    int at = size;
    if (withPending) {
      t[at] = pendingTime;
      for (int c = 0; c < columns; c++) {
        v[c][at] = pending[c];
      }
      at++;
    }
    if (withLatest) {
      t[at] = latestTime;
      for (int c = 0; c < columns; c++) {
        v[c][at] = latest[c];
      }
    }
    int[] keep = Lttb.select(t, v[0], n, Math.max(points, 3));
    double[][] out = new double[columns + 1][keep.length];
    for (int i = 0; i < keep.length; i++) {
      out[0][i] = t[keep[i]];
      for (int c = 0; c < columns; c++) {
        out[c + 1][i] = v[c][keep[i]];
      }
    }
    return out;
  }

  private void store(double time, double[] row) {
    if (size == capacity) {
      halve();
    } else if (size == times.length) {
      int rows = Math.min(capacity, times.length * 2);
      times = java.util.Arrays.copyOf(times, rows);
      for (int c = 0; c < columns; c++) {
        values[c] = java.util.Arrays.copyOf(values[c], rows);
      }
    }
    times[size] = time;
    for (int c = 0; c < columns; c++) {
      values[c][size] = row[c];
    }
    size++;
  }

  /** Merges neighbouring pairs, keeping of each the row that moves further from the one kept before it. */
  private void halve() {
    int kept = 0;
    for (int i = 0; i < size; i += 2) {
      int pick = i;
      if (i + 1 < size) {
        double reference = kept == 0 ? values[0][i] : values[0][kept - 1];
        if (deviation(values[0][i + 1], reference) > deviation(values[0][i], reference)) {
          pick = i + 1;
        }
      }
      times[kept] = times[pick];
      for (int c = 0; c < columns; c++) {
        values[c][kept] = values[c][pick];
      }
      kept++;
    }
    size = kept;
    stride *= 2;
  }

  private static double deviation(double value, double reference) {
    double d = Math.abs(value - reference);
    return Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
  }
}

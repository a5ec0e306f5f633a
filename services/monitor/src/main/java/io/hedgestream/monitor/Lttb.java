package io.hedgestream.monitor;

/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson, 2013): picks {@code threshold} of {@code n}
 * points that keep a line's visual shape (peaks and troughs survive, flat stretches thin out). The first
 * and the last point are always kept.
 */
final class Lttb {

  private Lttb() {}

  /**
   * The indices of the points to keep, ascending.
   *
   * @param x abscissae, ascending
   * @param y ordinates
   * @param n how many points of {@code x}/{@code y} are in use
   * @param threshold how many to keep (at least 3); all of them when {@code n <= threshold}
   */
  static int[] select(double[] x, double[] y, int n, int threshold) {
    if (threshold < 3) {
      throw new IllegalArgumentException("threshold must be >= 3, got " + threshold);
    }
    if (n <= threshold) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] kept = new int[threshold];
    double bucket = (double) (n - 2) / (threshold - 2);
    int a = 0;
    kept[0] = 0;
    for (int i = 0; i < threshold - 2; i++) {
      int nextStart = (int) Math.floor((i + 1) * bucket) + 1;
      int nextEnd = Math.min((int) Math.floor((i + 2) * bucket) + 1, n);
      double avgX = 0;
      double avgY = 0;
      for (int j = nextStart; j < nextEnd; j++) {
        avgX += x[j];
        avgY += finite(y[j]);
      }
      int span = Math.max(nextEnd - nextStart, 1);
      avgX /= span;
      avgY /= span;
      int start = (int) Math.floor(i * bucket) + 1;
      int end = (int) Math.floor((i + 1) * bucket) + 1;
      double best = -1;
      int chosen = start;
      for (int j = start; j < end; j++) {
        double area = Math.abs((x[a] - avgX) * (finite(y[j]) - finite(y[a]))
            - (x[a] - x[j]) * (avgY - finite(y[a])));
        if (area > best) {
          best = area;
          chosen = j;
        }
      }
      kept[i + 1] = chosen;
      a = chosen;
    }
    kept[threshold - 1] = n - 1;
    return kept;
  }

  private static double finite(double v) {
    return Double.isFinite(v) ? v : 0.0;
  }
}

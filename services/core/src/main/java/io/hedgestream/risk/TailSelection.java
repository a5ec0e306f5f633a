package io.hedgestream.risk;

/**
 * In-place selection of the k largest values of an array prefix (Hoare's quickselect, descending,
 * median-of-three pivot): expected O(n), no allocation.
 */
final class TailSelection {

  private TailSelection() {
  }

  /**
   * Reorders {@code a[0, n)} so that its {@code k} largest values occupy {@code a[0, k)} (in no
   * particular order) and every value in {@code a[k, n)} is no larger than each of them.
   *
   * @param a the array, reordered in place
   * @param n the length of the prefix to consider, >= 1
   * @param k how many of the largest values to gather, in [1, n]
   */
  static void selectLargest(double[] a, int n, int k) {
    int target = k - 1;
    int lo = 0;
    int hi = n - 1;
    while (hi > lo) {
      double pivot = medianOfThree(a[lo], a[(lo + hi) >>> 1], a[hi]);
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] > pivot) {
          i++;
        }
        while (a[j] < pivot) {
          j--;
        }
        if (i <= j) {
          double swap = a[i];
          a[i] = a[j];
          a[j] = swap;
          i++;
          j--;
        }
      }
      // Now a[lo..j] >= pivot, a[j+1..i-1] == pivot, a[i..hi] <= pivot.
      if (target <= j) {
        hi = j;
      } else if (target >= i) {
        lo = i;
      } else {
        return;
      }
    }
  }

  private static double medianOfThree(double a, double b, double c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }
}

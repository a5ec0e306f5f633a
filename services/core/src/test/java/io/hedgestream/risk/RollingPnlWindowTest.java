package io.hedgestream.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RollingPnlWindowTest {

  /** Brute force over the last values: sort the losses, k = ceil(n / 20) computed independently. */
  private static void assertMatchesBruteForce(RollingPnlWindow window, double[] all, int end, int capacity) {
    int n = Math.min(end, capacity);
    double[] last = Arrays.copyOfRange(all, end - n, end);
    double mean = Arrays.stream(last).sum() / n;
    double variance = n < 2 ? 0 : Arrays.stream(last).map(x -> (x - mean) * (x - mean)).sum() / (n - 1);
    double[] losses = Arrays.stream(last).map(x -> -x).sorted().toArray();
    int k = (int) Math.ceil(n / 20.0);
    double var = losses[n - k];
    double cvar = Arrays.stream(losses, n - k, n).sum() / k;
    double scale = Arrays.stream(last).map(Math::abs).max().orElse(0);

    String where = "after " + end + " values, capacity " + capacity;
    assertThat(window.count()).as(where).isEqualTo(n);
    assertThat(window.mean()).as(where).isCloseTo(mean, within(1e-12 * scale));
    assertThat(window.std()).as(where).isCloseTo(Math.sqrt(variance), within(1e-12 * scale));
    assertThat(window.var95()).as(where).isEqualTo(var);
    assertThat(window.cvar95()).as(where).isCloseTo(cvar, within(1e-12 * scale));
    assertThat(window.values()).as(where).containsExactly(last);
  }

  @Test
  void statisticsMatchBruteForceRecomputationOverRandomSequences() {
    SplittableRandom random = new SplittableRandom(42);
    for (int capacity : new int[] {1, 2, 3, 19, 20, 21, 250, 1000}) {
      RollingPnlWindow window = new RollingPnlWindow(capacity);
      double[] pnl = new double[3 * capacity + 7];
      for (int i = 0; i < pnl.length; i++) {
        // Fat-tailed steps with occasional jumps and exact repeats, to exercise ties in the tail.
        double step = random.nextGaussian() * (random.nextInt(20) == 0 ? 25 : 1);
        pnl[i] = random.nextInt(10) == 0 ? Math.rint(step) : step;
        window.add(pnl[i]);
        if (i < 2 * capacity + 3 || i % 7 == 0 || i == pnl.length - 1) {
          assertMatchesBruteForce(window, pnl, i + 1, capacity);
        }
      }
    }
  }

  @Test
  void varIsTheKthLargestLossWithKTheCeilingOfFivePercent() {
    RollingPnlWindow window = new RollingPnlWindow(100);
    for (int i = 1; i <= 20; i++) {
      window.add(-i); // losses 1..20
    }
    assertThat(window.var95()).isEqualTo(20); // n = 20: k = 1
    assertThat(window.cvar95()).isEqualTo(20);

    window.add(-0.5); // n = 21: k = 2 -> 2nd largest loss 19, mean of {20, 19}
    assertThat(window.var95()).isEqualTo(19);
    assertThat(window.cvar95()).isEqualTo(19.5);

    for (int i = 0; i < 39; i++) {
      window.add(1); // n = 60: k = 3, where 0.05 * 60 in floating point is 3.0000000000000004
    }
    assertThat(window.var95()).isEqualTo(18);
    assertThat(window.cvar95()).isEqualTo(19);
  }

  @Test
  void emptyWindowReportsZeroesNotNaN() {
    RollingPnlWindow window = new RollingPnlWindow(250);

    assertThat(window.count()).isZero();
    assertThat(window.size()).isZero();
    assertThat(window.capacity()).isEqualTo(250);
    assertThat(new double[] {window.mean(), window.std(), window.var95(), window.cvar95()}).containsOnly(0.0);
    assertThat(window.values()).isEmpty();
  }

  @Test
  void singleValueHasZeroStdAndItsOwnLossAsVarAndCvar() {
    RollingPnlWindow window = new RollingPnlWindow(250);
    window.add(-3.5);

    assertThat(window.mean()).isEqualTo(-3.5);
    assertThat(window.std()).isZero();
    assertThat(window.var95()).isEqualTo(3.5);
    assertThat(window.cvar95()).isEqualTo(3.5);
  }

  @Test
  void allGainsGiveNegativeVar() {
    RollingPnlWindow window = new RollingPnlWindow(10);
    for (int i = 1; i <= 10; i++) {
      window.add(i);
    }
    assertThat(window.var95()).isEqualTo(-1);
  }

  @Test
  void stdStaysAccurateForSmallSpreadsOnALargeLevelOverAVeryLongStream() {
    // Naive running sums of squares would lose all digits here (1e9^2 vs spread^2 = 1e-2).
    RollingPnlWindow window = new RollingPnlWindow(500);
    SplittableRandom random = new SplittableRandom(1);
    double[] pnl = new double[200_000];
    for (int i = 0; i < pnl.length; i++) {
      pnl[i] = 1e9 + 0.1 * random.nextGaussian();
      window.add(pnl[i]);
    }
    double[] last = Arrays.copyOfRange(pnl, pnl.length - 500, pnl.length);
    double mean = Arrays.stream(last).map(x -> x - 1e9).sum() / 500;
    double variance = Arrays.stream(last).map(x -> (x - 1e9 - mean) * (x - 1e9 - mean)).sum() / 499;

    assertThat(window.std()).isCloseTo(Math.sqrt(variance), within(1e-6));
  }

  @Test
  void shouldRejectNonFiniteValuesAndNonPositiveCapacity() {
    RollingPnlWindow window = new RollingPnlWindow(5);

    assertThatThrownBy(() -> window.add(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> window.add(Double.NEGATIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    assertThat(window.count()).isZero();
    assertThatThrownBy(() -> new RollingPnlWindow(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tailSelectionGathersTheLargestValuesEvenWithManyTies() {
    SplittableRandom random = new SplittableRandom(8);
    for (int trial = 0; trial < 500; trial++) {
      int n = 1 + random.nextInt(300);
      int k = 1 + random.nextInt(n);
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        values[i] = random.nextInt(trial % 2 == 0 ? 3 : 1_000_000);
      }
      double[] sorted = values.clone();
      Arrays.sort(sorted);

      TailSelection.selectLargest(values, n, k);

      double[] head = Arrays.copyOf(values, k);
      Arrays.sort(head);
      assertThat(head).containsExactly(Arrays.copyOfRange(sorted, n - k, n));
    }
  }
}

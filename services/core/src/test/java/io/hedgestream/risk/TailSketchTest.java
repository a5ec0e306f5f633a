package io.hedgestream.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The cumulative tail sketch against exact order statistics, and its store round trip. */
class TailSketchTest {

  @Test
  void handComputedTailOfTwentyOneValues() {
    TailSketch sketch = new TailSketch();
    for (int i = 1; i <= 21; i++) {
      sketch.add(i == 7 ? -50 : i == 3 ? -40 : i); // losses 50 and 40 are the two largest
    }
    // n = 21, k = ceil(1.05) = 2: VaR95 = 2nd largest loss = 40, CVaR95 = (50 + 40) / 2 = 45.
    assertThat(sketch.var95()).isEqualTo(40.0);
    assertThat(sketch.cvar95()).isEqualTo(45.0);
    assertThat(new TailSketch().cvar95()).isZero();
  }

  @Test
  void smallStreamsAreExactLikeTheRollingWindow() {
    SplittableRandom random = new SplittableRandom(5);
    TailSketch sketch = new TailSketch();
    RollingPnlWindow exact = new RollingPnlWindow(100);
    for (int i = 0; i < 100; i++) {
      double pnl = random.nextGaussian();
      sketch.add(pnl);
      exact.add(pnl);
      assertThat(sketch.cvar95()).isCloseTo(exact.cvar95(), within(1e-12));
      assertThat(sketch.var95()).isCloseTo(exact.var95(), within(1e-12));
    }
  }

  @Test
  void largeStreamsStayWithinTheStatedError() {
    SplittableRandom random = new SplittableRandom(9);
    int n = 20_000;
    double[] pnl = new double[n];
    TailSketch sketch = new TailSketch();
    for (int i = 0; i < n; i++) {
      double scale = (i / 2_000) % 2 == 0 ? 1 : 4; // regime mixture
      pnl[i] = scale * random.nextGaussian();
      sketch.add(pnl[i]);
    }
    double[] losses = Arrays.stream(pnl).map(v -> -v).sorted().toArray();
    int k = (n + 19) / 20;
    double cvar = Arrays.stream(losses, n - k, n).sum() / k;
    double std = Math.sqrt(Arrays.stream(pnl).map(v -> v * v).sum() / (n - 1)
        - Math.pow(Arrays.stream(pnl).sum(), 2) / ((double) n * (n - 1)));
    assertThat(sketch.cvar95()).isCloseTo(cvar, within(TailSketch.CVAR_ERROR_IN_STD * std));
    assertThat(sketch.var95()).isCloseTo(losses[n - k], within(TailSketch.VAR_ERROR_IN_STD * std));
  }

  @Test
  void aRestoredSketchContinuesExactlyAsTheOriginal() {
    SplittableRandom random = new SplittableRandom(2);
    TailSketch original = new TailSketch();
    for (int i = 0; i < 3_000; i++) {
      original.add(random.nextGaussian());
    }
    TailSketch restored = TailSketch.restore(original.centroids());
    for (int i = 0; i < 3_000; i++) {
      double pnl = random.nextGaussian();
      original.add(pnl);
      restored.add(pnl);
    }
    assertThat(restored.cvar95()).isEqualTo(original.cvar95());
    assertThat(restored.var95()).isEqualTo(original.var95());
    assertThat(restored.centroids().means()).containsExactly(original.centroids().means());
    assertThat(restored.centroids().weights()).containsExactly(original.centroids().weights());
  }
}

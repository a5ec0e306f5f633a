package io.hedgestream.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LttbTest {

  @Test
  void keepsTheEndsAndThePeaksOfALongLine() {
    int n = 10_000;
    double[] x = new double[n];
    double[] y = new double[n];
    Random random = new Random(7);
    for (int i = 0; i < n; i++) {
      x[i] = i;
      y[i] = random.nextGaussian() * 0.01;
    }
    y[3_333] = 50;
    y[7_777] = -40;

    int[] kept = Lttb.select(x, y, n, 100);

    assertThat(kept).hasSize(100).startsWith(0).endsWith(n - 1).contains(3_333, 7_777);
    for (int i = 1; i < kept.length; i++) {
      assertThat(kept[i]).isGreaterThan(kept[i - 1]);
    }
  }

  @Test
  void aShortLineIsKeptWhole() {
    assertThat(Lttb.select(new double[] {1, 2, 3}, new double[] {4, 5, 6}, 3, 10)).containsExactly(0, 1, 2);
    assertThatThrownBy(() -> Lttb.select(new double[4], new double[4], 4, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

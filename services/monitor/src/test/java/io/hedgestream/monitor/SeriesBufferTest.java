package io.hedgestream.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeriesBufferTest {

  @Test
  void aShortSeriesIsDrawnWholeWithoutRepeatingItsLastRow() {
    SeriesBuffer series = new SeriesBuffer(1_000, 1);
    for (int i = 0; i < 85; i++) {
      series.add(i, i * 1.5);
    }
    double[][] drawn = series.downsampled(1_000);
    assertThat(drawn[0]).hasSize(85);
    assertThat(drawn[1][84]).isEqualTo(84 * 1.5);
  }

  @Test
  void aMillionRowsStayWithinCapacityAndKeepTheirExtremesAndTheLastRow() {
    SeriesBuffer series = new SeriesBuffer(1_000, 2);
    for (int i = 0; i < 1_000_000; i++) {
      double v = i == 123_456 ? 1e6 : i == 654_321 ? -1e6 : Math.sin(i / 1000.0);
      series.add(i, v, i * 2.0);
    }

    assertThat(series.size()).isLessThanOrEqualTo(1_000);
    assertThat(series.appended()).isEqualTo(1_000_000);
    assertThat(series.last(0)).isEqualTo(Math.sin(999_999 / 1000.0));
    double[][] drawn = series.downsampled(200);
    assertThat(drawn).hasNumberOfRows(3);
    assertThat(drawn[0]).hasSize(200);
    assertThat(drawn[1]).contains(1e6, -1e6);
    assertThat(drawn[0][drawn[0].length - 1]).as("the newest row ends the chart").isEqualTo(999_999.0);
    // Even resolution: the first and the last tenth of the run hold about as many rows as each other.
    double[][] all = series.downsampled(100_000);
    long early = java.util.Arrays.stream(all[0]).filter(t -> t < 100_000).count();
    long late = java.util.Arrays.stream(all[0]).filter(t -> t >= 900_000).count();
    assertThat(early).isBetween(late / 2, late * 2).isGreaterThan(20);
    for (int i = 0; i < drawn[0].length; i++) {
      assertThat(drawn[2][i]).as("a row's columns stay together").isEqualTo(drawn[0][i] * 2.0);
    }
  }
}

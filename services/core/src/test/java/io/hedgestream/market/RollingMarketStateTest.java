package io.hedgestream.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The per-symbol state fed tick by tick, against a brute-force recomputation from all the bars. */
class RollingMarketStateTest {

  private static final long DAY_MICROS = 86_400_000_000L;

  /** A tick of a random intraday path: time, price, volume. */
  private record Tick(long micros, double price, double volume) {}

  /** Ticks on {@code days} trading days (calendar gaps included), 1 to 5 per day, some at midnight. */
  private static List<Tick> randomTicks(long seed, int days) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Tick> ticks = new ArrayList<>();
    double price = 100;
    long day = 20_000;
    for (int d = 0; d < days; d++) {
      day += random.nextInt(10) == 0 ? 3 : 1;
      int count = 1 + random.nextInt(5);
      long[] offsets = random.longs(count, 0, DAY_MICROS).sorted().toArray();
      if (random.nextInt(8) == 0) {
        offsets[0] = 0; // exactly midnight belongs to the new day
        offsets[count - 1] = DAY_MICROS - 1; // the last microsecond still belongs to this day
        Arrays.sort(offsets);
      }
      for (long offset : offsets) {
        price *= Math.exp(0.02 * random.nextGaussian());
        double volume = random.nextInt(6) == 0 ? 0 : Math.floor(1e5 * random.nextDouble());
        ticks.add(new Tick(day * DAY_MICROS + offset, price, volume));
      }
    }
    return ticks;
  }

  /** The contract's formulas, written out naively over every bar so far (last bar = the current day). */
  private static double[] bruteForce(List<double[]> bars) {
    int n = bars.size();
    double[] out = new double[6];
    Arrays.fill(out, Double.NaN);
    double close = bars.get(n - 1)[0];
    double peak = bars.subList(Math.max(0, n - 252), n).stream().mapToDouble(bar -> bar[0]).max().orElseThrow();
    out[2] = close / peak - 1;
    if (n >= 2) {
      out[0] = Math.log(close / bars.get(n - 2)[0]);
    }
    if (n >= 21) {
      double[] r = new double[20];
      double illiquidity = 0;
      int traded = 0;
      for (int k = 0; k < 20; k++) {
        double[] bar = bars.get(n - 20 + k);
        r[k] = Math.log(bar[0] / bars.get(n - 21 + k)[0]);
        if (bar[1] > 0) {
          illiquidity += Math.abs(r[k]) / (bar[0] * bar[1]);
          traded++;
        }
      }
      double mean = Arrays.stream(r).average().orElseThrow();
      double variance = Arrays.stream(r).map(x -> (x - mean) * (x - mean)).sum() / 19;
      out[1] = Math.sqrt(252) * Math.sqrt(variance);
      out[3] = Math.log(close / bars.get(n - 21)[0]);
      out[4] = -Arrays.stream(r).sorted().toArray()[0];
      out[5] = traded == 0 ? Double.NaN : 1e6 * illiquidity / traded;
    }
    return out;
  }

  private static double[] values(RollingFeatures features) {
    return Arrays.stream(RollingFeature.values()).mapToDouble(features::value).toArray();
  }

  @Test
  void featuresAfterEveryTickMatchABruteForceRecomputation() {
    for (long seed = 1; seed <= 3; seed++) {
      RollingMarketState state = new RollingMarketState();
      List<double[]> bars = new ArrayList<>();
      long currentDay = Long.MIN_VALUE;
      for (Tick tick : randomTicks(seed, 300)) {
        long day = TradingDays.UTC.dayOf(tick.micros());
        if (day != currentDay) {
          bars.add(new double[] {tick.price(), tick.volume()});
          currentDay = day;
        } else {
          double[] bar = bars.get(bars.size() - 1);
          bar[0] = tick.price();
          bar[1] += tick.volume();
        }
        state.onTick(day, tick.price(), tick.volume());
        double[] expected = bruteForce(bars);
        double[] actual = values(state.features());
        for (int i = 0; i < expected.length; i++) {
          if (Double.isNaN(expected[i])) {
            assertThat(actual[i]).as("seed %d, day %d, feature %d", seed, bars.size(), i).isNaN();
          } else {
            assertThat(actual[i]).as("seed %d, day %d, feature %d", seed, bars.size(), i)
                .isCloseTo(expected[i], within(1e-12 * Math.max(1, Math.abs(expected[i]))));
          }
        }
        assertThat(state.closes()).isEqualTo(Math.min(bars.size(), RollingFeature.HISTORY_CLOSES));
      }
    }
  }

  @Test
  void appendingFutureTicksNeverChangesTheFeaturesOfAnEarlierTick() {
    List<Tick> ticks = randomTicks(7, 280);
    int prefix = ticks.size() / 2;
    List<double[]> short1 = replay(ticks.subList(0, prefix));
    List<double[]> full = replay(ticks);
    for (int i = 0; i < prefix; i++) {
      assertThat(full.get(i)).as("tick %d", i).containsExactly(short1.get(i));
    }
  }

  private static List<double[]> replay(List<Tick> ticks) {
    RollingMarketState state = new RollingMarketState();
    List<double[]> out = new ArrayList<>();
    for (Tick tick : ticks) {
      state.onTick(TradingDays.UTC.dayOf(tick.micros()), tick.price(), tick.volume());
      out.add(values(state.features()));
    }
    return out;
  }

  @Test
  void ticksOfOneDayUpdateItsCloseAndSumTheirVolumes() {
    RollingMarketState state = new RollingMarketState();
    assertThat(state.onTick(5, 100, 10)).isEqualTo(RollingMarketState.Update.NEW_DAY);
    assertThat(state.onTick(5, 101, 15)).isEqualTo(RollingMarketState.Update.SAME_DAY);
    assertThat(state.onTick(5, 102, Double.NaN)).isEqualTo(RollingMarketState.Update.SAME_DAY);
    assertThat(state.onTick(5, 103, -4)).isEqualTo(RollingMarketState.Update.SAME_DAY);
    assertThat(state.today()).isEqualTo(new DayBar(5, 103, 25));
    assertThat(state.history().count()).isZero();

    assertThat(state.onTick(9, 99, 1)).isEqualTo(RollingMarketState.Update.NEW_DAY);
    assertThat(state.history().closes()).containsExactly(103);
    assertThat(state.history().volumes()).containsExactly(25);
    assertThat(state.features().value(RollingFeature.RET_1D)).isEqualTo(Math.log(99 / 103.0));
  }

  @Test
  void ticksOfAnEarlierDayOrWithoutAPositivePriceAreIgnored() {
    RollingMarketState state = new RollingMarketState();
    state.onTick(5, 100, 10);
    RollingFeatures before = state.features();
    assertThat(state.onTick(4, 50, 10)).isEqualTo(RollingMarketState.Update.IGNORED);
    assertThat(state.onTick(5, 0, 10)).isEqualTo(RollingMarketState.Update.IGNORED);
    assertThat(state.onTick(5, Double.NaN, 10)).isEqualTo(RollingMarketState.Update.IGNORED);
    assertThat(state.onTick(5, Double.POSITIVE_INFINITY, 10)).isEqualTo(RollingMarketState.Update.IGNORED);
    assertThat(state.today()).isEqualTo(new DayBar(5, 100, 10));
    assertThat(state.features()).isSameAs(before);
  }

  @Test
  void aRestoredStateContinuesExactlyLikeTheOriginal() {
    RollingMarketState original = new RollingMarketState();
    List<Tick> ticks = randomTicks(11, 400);
    int half = ticks.size() / 2;
    for (Tick tick : ticks.subList(0, half)) {
      original.onTick(TradingDays.UTC.dayOf(tick.micros()), tick.price(), tick.volume());
    }
    DailyHistory history = original.history();
    RollingMarketState copy = RollingMarketState.restore(
        DailyHistory.of(history.closes(), history.volumes()), original.today());
    assertThat(copy).isEqualTo(original);
    for (Tick tick : ticks.subList(half, ticks.size())) {
      long day = TradingDays.UTC.dayOf(tick.micros());
      original.onTick(day, tick.price(), tick.volume());
      copy.onTick(day, tick.price(), tick.volume());
      assertThat(values(copy.features())).containsExactly(values(original.features()));
    }
    assertThat(copy.history().count()).isEqualTo(DailyHistory.CAPACITY);
  }

  @Test
  void historyKeepsTheNewest271DaysInOrder() {
    DailyHistory history = new DailyHistory();
    for (int i = 0; i < 600; i++) {
      history.append(i, 2 * i);
    }
    assertThat(history.count()).isEqualTo(271);
    assertThat(history.closes()[0]).isEqualTo(329);
    assertThat(history.closes()[270]).isEqualTo(599);
    assertThat(history.volumes()[270]).isEqualTo(1198);
  }
}

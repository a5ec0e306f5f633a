package io.hedgestream.engine;

import static io.hedgestream.engine.Samples.fillOf;
import static io.hedgestream.engine.Samples.orderBuilder;
import static io.hedgestream.engine.Samples.tickBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.OptionSpec;
import io.hedgestream.avro.OptionType;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.RegimeChange;
import io.hedgestream.avro.RiskSnapshot;
import io.hedgestream.risk.TailSketch;
import io.hedgestream.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.Test;

/**
 * The engine's online diagnostics over 600 decisions across volatility regimes (TopologyTestDriver), each
 * recomputed offline from the run's {@code pnl.events} and ticks with code written here from the definitions
 * (services/engine/README.md, Diagnostics): exact figures must agree to rounding, sketched ones to
 * {@link TailSketch}'s stated error.
 */
class OnlineDiagnosticsTest {

  private static final Instant START = Instant.parse("2025-01-02T14:30:00Z");
  private static final Instant EXPIRY = START.plus(Duration.ofDays(900));
  private static final int WINDOW = 50;
  private static final int DAYS = 300;

  /** Daily log-return vol by day: LOW, MEDIUM, HIGH, CRISIS, then calm again. */
  private static double dailyVol(int day) {
    return day < 70 ? 0.004 : day < 130 ? 0.011 : day < 180 ? 0.02 : day < 230 ? 0.04 : 0.008;
  }

  private record Run(List<PnlEvent> pnl, List<RiskSnapshot> risk, List<RegimeChange> regimes,
      Map<Long, String> offlineRegimeAt) {}

  private static Run run() {
    EngineConfig config = EngineDriver.config("engine.decision.interval", "PT1M", "engine.risk.window", "" + WINDOW);
    try (EngineDriver engine = EngineDriver.create(config, io.hedgestream.engine.policy.HedgePolicies.named(
        config.policyName()))) {
      TestOutputTopic<String, RegimeChange> regimeTopic = engine.driver.createOutputTopic(
          Topics.REGIME_EVENTS.name(), Serdes.String().deserializer(), Topics.REGIME_EVENTS.valueSerde().deserializer());
      SplittableRandom random = new SplittableRandom(42);
      OfflineRegimes offline = new OfflineRegimes();
      double price = 100;
      int fills = 0;
      for (int day = 0; day < DAYS; day++) {
        for (int half = 0; half < 2; half++) {
          Instant at = START.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(390L * half));
          price *= Math.exp(dailyVol(day) / Math.sqrt(2) * random.nextGaussian());
          double volume = 1e5 * (1 + random.nextDouble()) * (dailyVol(day) > 0.015 ? 0.5 : 1);
          engine.tick(tickBuilder(Samples.SPY, at, price).setVolume(volume).build());
          offline.onTick(day, price, at);
          if (day == 0 && half == 0) {
            engine.order(orderBuilder("c1", OptionType.CALL, 100, 10, at)
                .setOption(new OptionSpec(OptionType.CALL, 100.0, EXPIRY, 100.0)).build());
          }
          if (day == 150 && half == 1) {
            engine.order(orderBuilder("c2", OptionType.PUT, 95, -6, at)
                .setOption(new OptionSpec(OptionType.PUT, 95.0, EXPIRY, 100.0)).build());
          }
          for (HedgeOrder order : engine.drainOrders()) {
            engine.fill(fillOf(order, "f" + fills++, order.getQuantity(), price + 0.01, 0.05));
          }
        }
      }
      return new Run(engine.drainPnl(), engine.drainRisk(), regimeTopic.readValuesToList(), offline.labelAt);
    }
  }

  @Test
  void everyStreamedDiagnosticMatchesItsOfflineRecomputationFromPnlEvents() {
    Run run = run();
    assertThat(run.pnl()).hasSizeGreaterThanOrEqualTo(2 * DAYS).hasSameSizeAs(run.risk());
    Offline offline = new Offline();
    for (int i = 0; i < run.pnl().size(); i++) {
      PnlEvent step = run.pnl().get(i);
      RiskSnapshot streamed = run.risk().get(i);
      assertThat(streamed.getCount()).isEqualTo(step.getStep());
      offline.add(step);
      offline.check(streamed);
    }
    assertThat(run.risk().get(run.risk().size() - 1).getRegimeCvar95()).containsOnlyKeys("LOW", "MEDIUM", "HIGH", "CRISIS");
  }

  @Test
  void regimesFollowTheTrailingRealisedVolAndEveryTransitionIsAnEvent() {
    Run run = run();
    for (PnlEvent step : run.pnl()) {
      assertThat(step.getRegime()).as("step %d", step.getStep())
          .isEqualTo(run.offlineRegimeAt().get(step.getEventTimeMicros().toEpochMilli() * 1000));
    }
    List<String> transitions = new ArrayList<>();
    String last = "UNKNOWN";
    for (String label : run.offlineRegimeAt().values()) {
      if (!label.equals(last)) {
        transitions.add(last + "->" + label);
        last = label;
      }
    }
    assertThat(run.regimes()).extracting(change -> change.getFromRegime() + "->" + change.getToRegime())
        .containsExactlyElementsOf(transitions);
    assertThat(transitions).hasSizeGreaterThanOrEqualTo(4).first().isEqualTo("UNKNOWN->LOW");
    assertThat(run.regimes()).allSatisfy(change -> assertThat(change.getRealizedVol20d()).isPositive());
    assertThat(run.pnl()).extracting(PnlEvent::getLiquidityTag).contains("UNKNOWN", "Q1", "Q4");
  }

  /** The vol regime at every tick from the daily closes so far (the current day's close provisional). */
  private static final class OfflineRegimes {
    final Map<Long, String> labelAt = new java.util.LinkedHashMap<>();
    final List<Double> closes = new ArrayList<>();
    int currentDay = -1;

    void onTick(int day, double price, Instant at) {
      if (day != currentDay) {
        closes.add(price);
        currentDay = day;
      } else {
        closes.set(closes.size() - 1, price);
      }
      int n = closes.size();
      String label = "UNKNOWN";
      if (n >= 21) {
        double[] returns = new double[20];
        double mean = 0;
        for (int k = 0; k < 20; k++) {
          returns[k] = Math.log(closes.get(n - 20 + k) / closes.get(n - 21 + k));
          mean += returns[k] / 20;
        }
        double squares = 0;
        for (double r : returns) {
          squares += (r - mean) * (r - mean);
        }
        double vol = Math.sqrt(252 * squares / 19);
        label = vol < 0.10 ? "LOW" : vol < 0.25 ? "MEDIUM" : vol <= 0.40 ? "HIGH" : "CRISIS";
      }
      labelAt.put(at.getEpochSecond() * 1_000_000L, label);
    }
  }

  /** Every diagnostic recomputed from the PnL events so far, from the definitions. */
  private static final class Offline {
    final List<Double> pnl = new ArrayList<>();
    final List<Double> turnover = new ArrayList<>();
    final List<Double> norms = new ArrayList<>();
    final List<Double> rollingCvar = new ArrayList<>();
    final Map<String, List<Double>> byRegime = new TreeMap<>();
    Map<String, Double> previous = Map.of();

    void add(PnlEvent step) {
      pnl.add(step.getStepPnl());
      Map<String, Double> target = step.getTargetHoldings();
      Set<String> instruments = new HashSet<>(target.keySet());
      instruments.addAll(previous.keySet());
      double diff = 0;
      double norm = 0;
      for (String instrument : instruments) {
        double a = target.getOrDefault(instrument, 0.0);
        diff += Math.pow(a - previous.getOrDefault(instrument, 0.0), 2);
        norm += a * a;
      }
      turnover.add(Math.sqrt(diff));
      norms.add(Math.sqrt(norm));
      previous = new HashMap<>(target);
      if (!step.getRegime().equals("UNKNOWN")) {
        byRegime.computeIfAbsent(step.getRegime(), r -> new ArrayList<>()).add(step.getStepPnl());
      }
    }

    void check(RiskSnapshot s) {
      int n = pnl.size();
      List<Double> window = pnl.subList(Math.max(0, n - WINDOW), n);
      double rollingCvar95 = cvar(window);
      rollingCvar.add(rollingCvar95);
      double scale = 1e-9 * (1 + std(pnl) + Math.abs(mean(pnl)));
      assertThat(s.getWindowSize()).isEqualTo(window.size());
      assertThat(s.getMean()).isCloseTo(mean(window), within(scale));
      assertThat(s.getStd()).isCloseTo(std(window), within(scale));
      assertThat(s.getVar95()).isCloseTo(var(window), within(scale));
      assertThat(s.getCvar95()).isCloseTo(rollingCvar95, within(scale));
      assertClose(s.getSortino(), sortino(window), 1e-9);
      assertClose(s.getEfficiencyRatio(), rollingCvar95 > 0 ? mean(window) / rollingCvar95 : null, 1e-9);
      assertThat(s.getRollingMaxDrawdown()).isCloseTo(maxDrawdown(window), within(scale));
      assertThat(s.getMaxDrawdown()).isCloseTo(maxDrawdown(pnl), within(scale));
      assertClose(s.getTurnoverRatio(), ratio(turnover.subList(Math.max(0, n - WINDOW), n),
          norms.subList(Math.max(0, n - WINDOW), n)), 1e-9);
      assertClose(s.getCumulativeTurnoverRatio(), ratio(turnover, norms), 1e-9);
      assertThat(s.getCumulativeMean()).isCloseTo(mean(pnl), within(scale));
      assertThat(s.getCumulativeStd()).isCloseTo(std(pnl), within(scale));
      assertClose(s.getCumulativeSortino(), sortino(pnl), 1e-9);
      double sd = std(pnl);
      assertThat(s.getCumulativeCvar95()).isCloseTo(cvar(pnl), within(TailSketch.CVAR_ERROR_IN_STD * sd + scale));
      assertThat(s.getCumulativeVar95()).isCloseTo(var(pnl), within(TailSketch.VAR_ERROR_IN_STD * sd + scale));
      double cvar = cvar(pnl);
      if (cvar > TailSketch.CVAR_ERROR_IN_STD * sd) {
        assertThat(s.getCumulativeEfficiencyRatio()).isCloseTo(mean(pnl) / cvar,
            within(Math.abs(mean(pnl) / cvar) * 2 * TailSketch.CVAR_ERROR_IN_STD * sd / cvar + 1e-9));
      }
      checkRegimes(s, scale);
      double vrMean = mean(rollingCvar);
      assertClose(s.getVolatilityRatio(), n >= 2 && vrMean > 0 ? std(rollingCvar) / vrMean : null, 1e-9);
    }

    void checkRegimes(RiskSnapshot s, double scale) {
      assertThat(s.getRegimeCvar95().keySet()).isEqualTo(byRegime.keySet());
      double worst = Double.NEGATIVE_INFINITY;
      double best = Double.POSITIVE_INFINITY;
      double tolerance = 0;
      for (Map.Entry<String, List<Double>> regime : byRegime.entrySet()) {
        double exact = cvar(regime.getValue());
        double error = TailSketch.CVAR_ERROR_IN_STD * std(regime.getValue()) + scale;
        assertThat(s.getRegimeCvar95().get(regime.getKey())).as(regime.getKey()).isCloseTo(exact, within(error));
        assertThat(s.getRegimeSteps().get(regime.getKey())).isEqualTo(regime.getValue().size());
        worst = Math.max(worst, exact);
        best = Math.min(best, exact);
        tolerance = Math.max(tolerance, error);
      }
      if (byRegime.isEmpty()) {
        assertThat(s.getWorstGroup()).isNull();
      } else {
        assertThat(s.getWorstGroup()).isCloseTo(worst, within(tolerance));
      }
      if (byRegime.size() < 2) {
        assertThat(s.getInvarianceGap()).isNull();
      } else {
        assertThat(s.getInvarianceGap()).isCloseTo(worst - best, within(2 * tolerance));
      }
    }

    static void assertClose(Double streamed, Double offline, double relative) {
      if (offline == null) {
        assertThat(streamed).isNull();
      } else {
        assertThat(streamed).isCloseTo(offline, within(relative * (1 + Math.abs(offline))));
      }
    }

    static double mean(List<Double> values) {
      return values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
    }

    static double std(List<Double> values) {
      if (values.size() < 2) {
        return 0;
      }
      double mean = mean(values);
      return Math.sqrt(values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (values.size() - 1));
    }

    static double[] lossesDescending(List<Double> values) {
      double[] losses = values.stream().mapToDouble(v -> -v).sorted().toArray();
      double[] descending = new double[losses.length];
      for (int i = 0; i < losses.length; i++) {
        descending[i] = losses[losses.length - 1 - i];
      }
      return descending;
    }

    static double var(List<Double> values) {
      int k = (int) Math.ceil(0.05 * values.size());
      return lossesDescending(values)[k - 1];
    }

    static double cvar(List<Double> values) {
      int k = (int) Math.ceil(0.05 * values.size());
      return Arrays.stream(lossesDescending(values), 0, k).sum() / k;
    }

    static Double sortino(List<Double> values) {
      double downside = Math.sqrt(values.stream().mapToDouble(v -> Math.pow(Math.min(v, 0), 2)).sum() / values.size());
      return downside > 0 ? mean(values) / downside : null;
    }

    static double maxDrawdown(List<Double> values) {
      double cumulative = 0;
      double peak = 0;
      double drawdown = 0;
      for (double v : values) {
        cumulative += v;
        peak = Math.max(peak, cumulative);
        drawdown = Math.max(drawdown, peak - cumulative);
      }
      return drawdown;
    }

    static Double ratio(List<Double> numerators, List<Double> denominators) {
      double denominator = denominators.stream().mapToDouble(Double::doubleValue).sum();
      return denominator > 0 ? numerators.stream().mapToDouble(Double::doubleValue).sum() / denominator : null;
    }
  }
}

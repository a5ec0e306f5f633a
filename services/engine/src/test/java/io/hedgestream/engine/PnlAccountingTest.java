package io.hedgestream.engine;

import static io.hedgestream.engine.Samples.SPY;
import static io.hedgestream.engine.Samples.T0;
import static io.hedgestream.engine.Samples.clientBuysCalls;
import static io.hedgestream.engine.Samples.fillOf;
import static io.hedgestream.engine.Samples.minutes;
import static io.hedgestream.engine.Samples.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.basics.EpochMicros;
import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.PutCall;
import java.util.List;
import org.junit.jupiter.api.Test;

class PnlAccountingTest {

  private static double callPrice(java.time.Instant now, double mid) {
    double ttm = EpochMicros.yearsBetween(EpochMicros.of(now), EpochMicros.of(Samples.EXPIRY));
    return BlackScholes.price(PutCall.CALL, mid, 100, ttm, 0.2, 0, 0);
  }

  @Test
  void firstStepBooksThePremiumAgainstTheOptionValue() {
    try (EngineDriver engine = EngineDriver.create()) {
      engine.tick(tick(T0, 100));
      engine.order(clientBuysCalls("c1", 10, T0));

      PnlEvent step = engine.drainPnl().get(0);
      double optionValue = -1000 * callPrice(T0, 100);
      assertThat(step.getMarkToMarket()).isCloseTo(2500 + optionValue, within(1e-9));
      assertThat(step.getOptionPnl()).isCloseTo(2500 + optionValue, within(1e-9));
      assertThat(step.getHedgePnl()).isZero();
      assertThat(step.getCosts()).isZero();
      assertThat(step.getStepPnl()).isEqualTo(step.getMarkToMarket());
      assertThat(step.getCumulativePnl()).isEqualTo(step.getStepPnl());
      assertThat(step.getPositions()).containsEntry("SPY-20250201-C-100", -10.0);
      assertThat(step.getHedgePnlByInstrument()).as("no hedge instrument yet; the liability is not one").isEmpty();
      assertThat(step.getCostsByInstrument()).isEmpty();
      assertThat(step.getStep()).isEqualTo(1);
    }
  }

  @Test
  void fillsUpdateHoldingsCashAndCostsWithTheSpreadAndFees() {
    try (EngineDriver engine = EngineDriver.create()) {
      engine.tick(tick(T0, 100));
      engine.order(clientBuysCalls("c1", 10, T0));
      HedgeOrder order = engine.drainOrders().get(0);
      PnlEvent first = engine.drainPnl().get(0);
      double units = order.getQuantity();

      engine.fill(fillOf(order, "f1", units, 100.01, 1.5));
      engine.tick(tick(minutes(1), 101));

      PnlEvent second = engine.drainPnl().get(0);
      assertThat(second.getPositions()).containsEntry(SPY, units);
      double cash = 2500 - units * 100.01 - 1.5;
      double optionValue = -1000 * callPrice(minutes(1), 101);
      assertThat(second.getMarkToMarket()).isCloseTo(cash + optionValue + units * 101, within(1e-8));
      assertThat(second.getHedgePnl()).isCloseTo(units * (101 - 100), within(1e-8));
      assertThat(second.getCosts()).isCloseTo(1.5 + units * 0.01, within(1e-9));
      assertThat(second.getHedgePnlByInstrument()).containsOnlyKeys(SPY);
      assertThat(second.getHedgePnlByInstrument().get(SPY)).isCloseTo(units * (101 - 100), within(1e-8));
      assertThat(second.getCostsByInstrument()).containsOnlyKeys(SPY);
      assertThat(second.getCostsByInstrument().get(SPY)).isCloseTo(1.5 + units * 0.01, within(1e-9));
      assertThat(second.getOptionPnl()).isCloseTo(optionValue + 1000 * callPrice(T0, 100), within(1e-8));
      assertThat(second.getStepPnl()).isEqualTo(second.getMarkToMarket() - first.getMarkToMarket());
      assertThat(second.getOptionPnl() + second.getHedgePnl() - second.getCosts())
          .isCloseTo(second.getStepPnl(), within(1e-9));
      assertThat(second.getCumulativePnl()).isEqualTo(first.getStepPnl() + second.getStepPnl());
      assertThat(second.getDelta()).isCloseTo(units - 1000 * callDelta(minutes(1), 101), within(1e-9));
    }
  }

  @Test
  void partialFillsReduceThePendingQuantityUntilTheOrderIsDone() {
    try (EngineDriver engine = EngineDriver.create("engine.decision.interval", "PT1M")) {
      engine.tick(tick(T0, 100));
      engine.order(clientBuysCalls("c1", 10, T0));
      HedgeOrder order = engine.drainOrders().get(0);
      double units = order.getQuantity();

      engine.fill(fillOf(order, "f1", 200, 100, 0));
      engine.tick(tick(minutes(1), 100));
      assertThat(engine.drainOrders()).as("the rest is still pending").isEmpty();

      engine.fill(fillOf(order, "f2", units - 200, 100, 0));
      engine.tick(tick(minutes(2), 100));
      assertThat(engine.drainPnl()).last().satisfies(pnl -> assertThat(pnl.getPositions()).containsEntry(SPY, units));
      engine.fill(fillOf(order, "f3", 1, 100, 0));
      assertThat(engine.deadLetters(io.hedgestream.schemas.Topics.FILLS_HEDGE).readValuesToList())
          .as("a fill after the order completed is for an unknown order")
          .singleElement().satisfies(dead -> assertThat(dead.getErrorType()).isEqualTo("UNKNOWN_ORDER"));
    }
  }

  @Test
  void stepPnlIsTheChangeInMarkToMarketAndSumsToTheCumulativePnl() {
    try (EngineDriver engine = EngineDriver.create("engine.decision.interval", "PT1M")) {
      HedgingRun run = HedgingRun.random(engine, 7, 400);
      List<PnlEvent> steps = run.pnl();
      assertThat(steps).hasSizeGreaterThan(300);
      assertThat(steps).as("the run hedges")
          .anySatisfy(step -> assertThat(step.getHedgePnlByInstrument()).isNotEmpty());
      double previousMtm = 0;
      double cumulative = 0;
      for (PnlEvent step : steps) {
        assertThat(step.getStepPnl()).isEqualTo(step.getMarkToMarket() - previousMtm);
        assertThat(step.getOptionPnl() + step.getHedgePnl() - step.getCosts())
            .isCloseTo(step.getStepPnl(), within(1e-9 * Math.max(1, Math.abs(step.getMarkToMarket()))));
        cumulative += step.getStepPnl();
        assertThat(step.getCumulativePnl()).isEqualTo(cumulative);
        PnlSplits.assertSplitSumsToTotals(step);
        assertThat(step.getCumulativePnl()).isCloseTo(step.getMarkToMarket(), within(1e-6));
        previousMtm = step.getMarkToMarket();
      }
    }
  }

  @Test
  void noEmittedFigureIsEverNaNOrInfinite() {
    try (EngineDriver engine = EngineDriver.create("engine.decision.interval", "PT1M")) {
      HedgingRun run = HedgingRun.random(engine, 11, 400);
      for (PnlEvent step : run.pnl()) {
        assertThat(List.of(step.getSpot(), step.getMarkToMarket(), step.getOptionPnl(), step.getHedgePnl(),
            step.getCosts(), step.getStepPnl(), step.getCumulativePnl(), step.getDelta(), step.getGamma(),
            step.getVega(), step.getTheta())).allMatch(Double::isFinite);
        assertThat(step.getPositions().values()).allMatch(Double::isFinite);
      }
      assertThat(run.risk()).isNotEmpty().allSatisfy(risk -> {
        assertThat(List.of(risk.getMean(), risk.getStd(), risk.getVar95(), risk.getCvar95(), risk.getMaxDrawdown()))
            .allMatch(Double::isFinite);
        assertThat(risk.getStd()).isGreaterThanOrEqualTo(0);
        assertThat(risk.getCvar95()).isGreaterThanOrEqualTo(risk.getVar95());
      });
      assertThat(run.pnl()).anySatisfy(step -> assertThat(step.getReason()).startsWith("EXPIRY"));
    }
  }

  private static double callDelta(java.time.Instant now, double mid) {
    double ttm = EpochMicros.yearsBetween(EpochMicros.of(now), EpochMicros.of(Samples.EXPIRY));
    return BlackScholes.greeks(PutCall.CALL, mid, 100, ttm, 0.2, 0, 0).delta();
  }

}

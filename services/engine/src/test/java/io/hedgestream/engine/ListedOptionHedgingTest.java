package io.hedgestream.engine;

import static io.hedgestream.engine.Samples.SPY;
import static io.hedgestream.engine.Samples.T0;
import static io.hedgestream.engine.Samples.clientBuysCalls;
import static io.hedgestream.engine.Samples.command;
import static io.hedgestream.engine.Samples.fillOf;
import static io.hedgestream.engine.Samples.minutes;
import static io.hedgestream.engine.Samples.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hedgestream.avro.ControlCommand;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.InstrumentType;
import io.hedgestream.avro.OptionType;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.Side;
import io.hedgestream.basics.EpochMicros;
import io.hedgestream.engine.policy.onnx.ModelFixtures;
import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.OptionGreeks;
import io.hedgestream.pricing.PutCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine (TopologyTestDriver) serving the two-instrument test graph: target = 0.25 x scale of the
 * underlying and 0.5 x scale option units of {@code CALL_ATM_30D}, on a desk short 10 calls (scale 1000).
 */
class ListedOptionHedgingTest {

  /** T0 + 30 days is 2025-02-01 14:30Z: the nearest daily expiry is that day at 20:00Z; spot 101 -> strike 101. */
  private static final String SERIES = "SPY-20250201-C-101";
  private static final Instant SERIES_EXPIRY = Instant.parse("2025-02-01T20:00:00Z");
  private static final Instant LIABILITY_EXPIRY = Samples.EXPIRY;

  private static EngineDriver engine() {
    // Ticks a month apart (to roll and expire series): beyond the default engine.input.max-event-lead.
    return EngineDriver.create("engine.policy", ModelFixtures.testGraph("two-instruments").toString(),
        "engine.input.max-event-lead", "P60D");
  }

  private static OptionGreeks greeks(Instant now, double spot, double strike, Instant expiry) {
    double ttm = EpochMicros.yearsBetween(EpochMicros.of(now), EpochMicros.of(expiry));
    return BlackScholes.greeks(PutCall.CALL, spot, strike, ttm, 0.2, 0, 0);
  }

  private static HedgeOrder only(List<HedgeOrder> orders, String instrument) {
    return orders.stream().filter(order -> order.getInstrument().equals(instrument)).findFirst().orElseThrow();
  }

  @Test
  void theModelsTargetsBecomeAnUnderlyingOrderAndAWholeContractOptionOrderWithItsTerms() {
    try (EngineDriver engine = engine()) {
      engine.tick(tick(T0, 101));
      engine.order(clientBuysCalls("c1", 10, T0));

      List<HedgeOrder> orders = engine.drainOrders();
      assertThat(orders).extracting(HedgeOrder::getInstrument).containsExactly(SPY, SERIES);
      HedgeOrder option = only(orders, SERIES);
      assertThat(option.getInstrumentType()).isEqualTo(InstrumentType.OPTION);
      assertThat(option.getSide()).isEqualTo(Side.BUY);
      assertThat(option.getQuantity()).isEqualTo(5.0);
      assertThat(option.getOption().getOptionType()).isEqualTo(OptionType.CALL);
      assertThat(option.getOption().getStrike()).isEqualTo(101.0);
      assertThat(option.getOption().getExpiryMicros()).isEqualTo(SERIES_EXPIRY);
      assertThat(option.getOption().getMultiplier()).isEqualTo(100.0);
      assertThat(option.getReason()).isEqualTo(HedgeReason.POLICY);
      HedgeOrder underlying = only(orders, SPY);
      assertThat(underlying.getInstrumentType()).isEqualTo(InstrumentType.UNDERLYING);
      assertThat(underlying.getQuantity()).isEqualTo(250.0);
      assertThat(engine.drainPnl()).singleElement()
          .satisfies(pnl -> assertThat(pnl.getReason()).contains("CALL_ATM_30D is " + SERIES));
    }
  }

  @Test
  void optionFillsAreBookedAtTheirMultiplierAndMarkedSoStepPnlIsTheChangeInMarkToMarket() {
    try (EngineDriver engine = engine()) {
      engine.tick(tick(T0, 101));
      engine.order(clientBuysCalls("c1", 10, T0));
      List<HedgeOrder> orders = engine.drainOrders();
      PnlEvent first = engine.drainPnl().get(0);
      double modelPrice = greeks(T0, 101, 101, SERIES_EXPIRY).price();

      engine.fill(fillOf(only(orders, SERIES), "fo", 5, modelPrice + 0.05, 2.0));
      engine.fill(fillOf(only(orders, SPY), "fu", 250, 101.01, 1.0));
      engine.tick(tick(minutes(1), 102));

      assertThat(engine.drainOrders()).as("targets reached, nothing more to trade").isEmpty();
      PnlEvent second = engine.drainPnl().get(0);
      Instant now = minutes(1);
      OptionGreeks hedge = greeks(now, 102, 101, SERIES_EXPIRY);
      OptionGreeks liability = greeks(now, 102, 100, LIABILITY_EXPIRY);
      double cash = 2500 - 500 * (modelPrice + 0.05) - 2.0 - 250 * 101.01 - 1.0;
      double mtm = cash - 1000 * liability.price() + 250 * 102 + 500 * hedge.price();
      assertThat(second.getPositions()).containsEntry(SERIES, 5.0).containsEntry(SPY, 250.0);
      assertThat(second.getMarkToMarket()).isCloseTo(mtm, within(1e-8));
      assertThat(second.getStepPnl()).isCloseTo(mtm - first.getMarkToMarket(), within(1e-8));
      assertThat(second.getOptionPnl() + second.getHedgePnl() - second.getCosts())
          .isCloseTo(second.getStepPnl(), within(1e-8));
      assertThat(second.getCosts()).isCloseTo(2.0 + 500 * 0.05 + 1.0 + 250 * 0.01, within(1e-8));
      assertThat(second.getHedgePnl())
          .isCloseTo(500 * (hedge.price() - modelPrice) + 250 * (102 - 101), within(1e-8));
      assertThat(second.getHedgePnlByInstrument()).containsOnlyKeys(SPY, SERIES);
      assertThat(second.getHedgePnlByInstrument().get(SPY)).isCloseTo(250 * (102 - 101), within(1e-8));
      assertThat(second.getHedgePnlByInstrument().get(SERIES))
          .isCloseTo(500 * (hedge.price() - modelPrice), within(1e-8));
      assertThat(second.getCostsByInstrument().get(SPY)).isCloseTo(1.0 + 250 * 0.01, within(1e-9));
      assertThat(second.getCostsByInstrument().get(SERIES)).isCloseTo(2.0 + 500 * 0.05, within(1e-9));
      PnlSplits.assertSplitSumsToTotals(first);
      PnlSplits.assertSplitSumsToTotals(second);
      assertThat(second.getDelta()).isCloseTo(250 + 500 * hedge.delta() - 1000 * liability.delta(), within(1e-8));
      assertThat(second.getVega()).isCloseTo(500 * hedge.vega() - 1000 * liability.vega(), within(1e-8));
    }
  }

  @Test
  void aSeriesNearExpiryRollsToAFreshSeriesAndTheOldOneIsClosed() {
    try (EngineDriver engine = engine()) {
      engine.tick(tick(T0, 101));
      engine.order(clientBuysCalls("c1", 10, T0));
      List<HedgeOrder> orders = engine.drainOrders();
      engine.fill(fillOf(only(orders, SERIES), "fo", 5, 2.0, 0));
      engine.fill(fillOf(only(orders, SPY), "fu", 250, 101, 0));

      engine.tick(tick(T0.plus(Duration.ofDays(20)), 104));
      assertThat(engine.drainOrders()).as("12.2 days left: above the 7-day roll threshold").isEmpty();

      engine.tick(tick(T0.plus(Duration.ofDays(25)), 104));
      List<HedgeOrder> roll = engine.drainOrders();
      String fresh = "SPY-20250226-C-104";
      assertThat(roll).extracting(HedgeOrder::getInstrument).containsExactly(SERIES, fresh);
      assertThat(only(roll, SERIES).getSide()).isEqualTo(Side.SELL);
      assertThat(only(roll, SERIES).getQuantity()).isEqualTo(5.0);
      assertThat(only(roll, fresh).getSide()).isEqualTo(Side.BUY);
      assertThat(only(roll, fresh).getQuantity()).isEqualTo(5.0);
      assertThat(only(roll, fresh).getOption().getExpiryMicros()).isEqualTo(Instant.parse("2025-02-26T20:00:00Z"));
      assertThat(engine.drainPnl()).last()
          .satisfies(pnl -> assertThat(pnl.getReason()).contains("rolled CALL_ATM_30D from " + SERIES + " to " + fresh));
    }
  }

  @Test
  void aRollSplitsTheStepByInstrumentTheClosedSeriesKeepsItsFillsAndCosts() {
    Instant rollTime = T0.plus(Duration.ofDays(25));
    Instant freshExpiry = Instant.parse("2025-02-26T20:00:00Z");
    String fresh = "SPY-20250226-C-104";
    try (EngineDriver engine = engine()) {
      engine.tick(tick(T0, 101));
      engine.order(clientBuysCalls("c1", 10, T0));
      List<HedgeOrder> orders = engine.drainOrders();
      engine.fill(fillOf(only(orders, SERIES), "fo", 5, 2.0, 0));
      engine.fill(fillOf(only(orders, SPY), "fu", 250, 101, 0));
      engine.tick(tick(rollTime, 104));
      List<HedgeOrder> roll = engine.drainOrders();
      List<PnlEvent> untilRoll = engine.drainPnl();
      PnlEvent rollStep = untilRoll.get(untilRoll.size() - 1);
      double oldAtRoll = greeks(rollTime, 104, 101, SERIES_EXPIRY).price();
      double freshAtRoll = greeks(rollTime, 104, 104, freshExpiry).price();

      engine.fill(fillOf(only(roll, SERIES), "ro", 5, oldAtRoll - 0.04, 1.5));
      engine.fill(fillOf(only(roll, fresh), "rf", 5, freshAtRoll + 0.06, 2.5));
      Instant next = rollTime.plus(Duration.ofHours(1));
      engine.tick(tick(next, 105));

      PnlEvent after = engine.drainPnl().get(0);
      double freshNow = greeks(next, 105, 104, freshExpiry).price();
      assertThat(rollStep.getHedgePnlByInstrument()).containsOnlyKeys(SPY, SERIES);
      assertThat(after.getPositions()).doesNotContainKey(SERIES).containsEntry(fresh, 5.0);
      assertThat(after.getHedgePnlByInstrument()).as("the closed series is still in the step it was sold in")
          .containsOnlyKeys(SPY, SERIES, fresh);
      assertThat(after.getHedgePnlByInstrument().get(SPY)).isCloseTo(250 * (105 - 104), within(1e-8));
      assertThat(after.getHedgePnlByInstrument().get(SERIES)).as("sold at its mark: no PnL before costs")
          .isCloseTo(0, within(1e-8));
      assertThat(after.getHedgePnlByInstrument().get(fresh))
          .isCloseTo(500 * (freshNow - freshAtRoll), within(1e-8));
      assertThat(after.getCostsByInstrument().get(SPY)).isZero();
      assertThat(after.getCostsByInstrument().get(SERIES)).isCloseTo(1.5 + 500 * 0.04, within(1e-9));
      assertThat(after.getCostsByInstrument().get(fresh)).isCloseTo(2.5 + 500 * 0.06, within(1e-9));
      PnlSplits.assertSplitSumsToTotals(rollStep);
      PnlSplits.assertSplitSumsToTotals(after);
    }
  }

  @Test
  void theKillSwitchFlattensOptionHedgesToo() {
    try (EngineDriver engine = engine()) {
      engine.tick(tick(T0, 101));
      engine.order(clientBuysCalls("c1", 10, T0));
      List<HedgeOrder> orders = engine.drainOrders();
      engine.fill(fillOf(only(orders, SERIES), "fo", 5, 2.0, 0));
      engine.fill(fillOf(only(orders, SPY), "fu", 250, 101, 0));

      engine.control(SPY, command("k1", ControlCommand.KILL_SWITCH, Map.of()));

      List<HedgeOrder> flatten = engine.drainOrders();
      assertThat(flatten).extracting(HedgeOrder::getInstrument).containsExactlyInAnyOrder(SERIES, SPY);
      assertThat(flatten).allSatisfy(order -> {
        assertThat(order.getReason()).isEqualTo(HedgeReason.KILL);
        assertThat(order.getSide()).isEqualTo(Side.SELL);
      });
      assertThat(only(flatten, SERIES).getQuantity()).isEqualTo(5.0);
      assertThat(only(flatten, SERIES).getOption().getStrike()).isEqualTo(101.0);
    }
  }

  @Test
  void aHeldSeriesSettlesAtExpiryIntoHedgeCash() {
    // Series expire at 12:00Z here, so SPY-20250201-C-101 expires 2.5 h before the liability (14:30Z).
    Instant noon = Instant.parse("2025-02-01T12:00:00Z");
    try (EngineDriver engine = EngineDriver.create("engine.policy",
        ModelFixtures.testGraph("two-instruments").toString(), "engine.listed.roll-days", "0.01",
        "engine.listed.expiry-time", "12:00", "engine.input.max-event-lead", "P60D")) {
      engine.tick(tick(T0, 101));
      engine.order(clientBuysCalls("c1", 10, T0));
      List<HedgeOrder> orders = engine.drainOrders();
      assertThat(only(orders, SERIES).getOption().getExpiryMicros()).isEqualTo(noon);
      engine.fill(fillOf(only(orders, SERIES), "fo", 5, 2.0, 0));
      engine.fill(fillOf(only(orders, SPY), "fu", 250, 101, 0));
      engine.tick(tick(noon.minus(Duration.ofHours(1)), 103));
      assertThat(engine.drainOrders()).isEmpty();
      List<PnlEvent> steps = engine.drainPnl();
      PnlEvent before = steps.get(steps.size() - 1);

      engine.tick(tick(noon, 105));

      PnlEvent settled = engine.drainPnl().get(0);
      assertThat(settled.getReason()).contains("settled hedge " + SERIES + " x5.0 at intrinsic 4.0");
      assertThat(settled.getPositions()).doesNotContainKey(SERIES);
      assertThat(settled.getStepPnl()).isCloseTo(settled.getMarkToMarket() - before.getMarkToMarket(), within(1e-8));
      assertThat(settled.getOptionPnl() + settled.getHedgePnl() - settled.getCosts())
          .isCloseTo(settled.getStepPnl(), within(1e-8));
      double heldBefore = greeks(noon.minus(Duration.ofHours(1)), 103, 101, noon).price();
      assertThat(settled.getHedgePnlByInstrument()).containsOnlyKeys(SPY, SERIES);
      assertThat(settled.getHedgePnlByInstrument().get(SERIES)).as("settlement 5 x 100 x 4 less the last mark")
          .isCloseTo(2000 - 500 * heldBefore, within(1e-8));
      assertThat(settled.getHedgePnlByInstrument().get(SPY)).isCloseTo(250 * (105 - 103), within(1e-8));
      assertThat(settled.getCostsByInstrument()).containsOnly(Map.entry(SPY, 0.0), Map.entry(SERIES, 0.0));
      PnlSplits.assertSplitSumsToTotals(settled);
    }
  }
}

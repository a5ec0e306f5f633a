package io.hedgestream.gateway.risk;

import static io.hedgestream.gateway.risk.PreTradeRiskTest.option;
import static io.hedgestream.gateway.risk.PreTradeRiskTest.order;
import static io.hedgestream.gateway.risk.PreTradeRiskTest.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.Side;
import io.hedgestream.avro.TradingState;
import io.hedgestream.gateway.Rejection;
import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.PutCall;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Position and Greek-exposure limits and the REDUCING state, against the engine's book reports: each limit
 * blocks an order that takes its exposure further beyond it with its code, an order that brings an exposure
 * back towards its limit passes, and a seeded property run agrees with an oracle on every order.
 */
public class ExposureLimitsTest {

  static {
    // Avro's decoding limits before any Avro record is built here: another test of this JVM may decode later.
    io.hedgestream.schemas.AvroLimits.apply();
  }

  private static final Instant T0 = Instant.parse("2026-03-02T14:30:00Z");
  private static final ExposureLimits LIMITS = new ExposureLimits(1_000, 50, 1_500, 800, 10_000);

  private final BookExposures exposures = new BookExposures();
  private final TradingStates states = new TradingStates();
  private final PreTradeRisk risk = new PreTradeRisk(PreTradeLimits.defaults().withExposure(LIMITS), states, exposures,
      System::nanoTime);

  @Test
  void aPositionLimitBlocksOrdersThatGrowThePositionBeyondItAndLetsThoseThatShrinkItPass() {
    risk.onQuote(tick("SPY", 99.5, 100.5, T0));
    exposures.onReport(report("SPY", "b1", T0, Map.of("SPY", 900.0), 0, 0));
    assertThat(code(order("SPY", "b1", Side.BUY, 200, null, T0.plusSeconds(1)))).isEqualTo(RiskCode.POSITION_LIMIT);
    assertThat(code(order("SPY", "b1", Side.BUY, 100, null, T0.plusSeconds(1)))).isEqualTo("PASSED");
    exposures.onReport(report("SPY", "b1", T0.plusSeconds(2), Map.of("SPY", 3_000.0), 0, 0));
    assertThat(code(order("SPY", "b1", Side.SELL, 500, null, T0.plusSeconds(3))))
        .as("back towards the limit from beyond it").isEqualTo("PASSED");
    assertThat(code(order("SPY", "b1", Side.BUY, 1, null, T0.plusSeconds(3)))).isEqualTo(RiskCode.POSITION_LIMIT);
  }

  @Test
  void ordersSentSinceTheLastReportCountUntilTheNextOne() {
    risk.onQuote(tick("SPY", 99.5, 100.5, T0));
    exposures.onReport(report("SPY", "b1", T0, Map.of(), 0, 0));
    HedgeOrder first = order("SPY", "b1", Side.BUY, 600, null, T0.plusSeconds(1));
    assertThat(code(first)).isEqualTo("PASSED");
    risk.accepted(first);
    assertThat(code(order("SPY", "b1", Side.BUY, 300, null, T0.plusSeconds(2)))).as("600 sent + 300 > 800 delta")
        .isEqualTo(RiskCode.DELTA_LIMIT);
    exposures.onReport(report("SPY", "b1", T0.plusSeconds(5), Map.of("SPY", 600.0), -400, 0));
    assertThat(code(order("SPY", "b1", Side.BUY, 300, null, T0.plusSeconds(6))))
        .as("the report has the fill and a client trade's delta: -400 + 300").isEqualTo("PASSED");
  }

  @Test
  void theSymbolLimitAddsUpEveryBookOfTheSymbol() {
    risk.onQuote(tick("SPY", 99.5, 100.5, T0));
    exposures.onReport(report("SPY", "b1", T0, Map.of("SPY", 700.0), 0, 0));
    exposures.onReport(report("SPY", "b2", T0, Map.of("SPY", 700.0), 0, 0));
    exposures.onReport(report("QQQ", "b1", T0, Map.of("QQQ", 900.0), 0, 0));
    assertThat(code(order("SPY", "b2", Side.BUY, 200, null, T0.plusSeconds(1)))).isEqualTo(RiskCode.SYMBOL_POSITION_LIMIT);
    assertThat(code(order("SPY", "b2", Side.BUY, 50, null, T0.plusSeconds(1)))).isEqualTo("PASSED");
  }

  @Test
  void anOptionCountsItsContractsItsDeltaAndItsVega() {
    risk.onQuote(tick("SPY", 99.5, 100.5, T0));
    exposures.onReport(report("SPY", "b1", T0, Map.of(), 0, 0));
    HedgeOrder calls = option("SPY", "b1", 10, T0.plusSeconds(1));
    double vega = 10 * 100 * BlackScholes.greeks(PutCall.CALL, 100, 100, 18.0 / 365 - 1.0 / 365 / 86_400, 0.2, 0, 0).vega();
    assertThat(vega).as("10 ATM calls of 18 days: about 8,860 of vega per 1.00 vol").isBetween(8_800.0, 8_900.0);
    assertThat(code(calls)).as("vega 8,860 and delta about 510: within 10,000 and 800").isEqualTo("PASSED");
    assertThat(code(option("SPY", "b1", 12, T0.plusSeconds(1)))).as("12 calls: vega about 10,600")
        .isEqualTo(RiskCode.VEGA_LIMIT);
    assertThat(code(option("SPY", "b1", 20, T0.plusSeconds(1)))).as("20 calls: delta about 1,020")
        .isEqualTo(RiskCode.DELTA_LIMIT);
    assertThat(code(option("SPY", "b1", 60, T0.plusSeconds(1)))).isEqualTo(RiskCode.POSITION_LIMIT);
  }

  @Test
  void reducingLetsThroughOnlyOrdersThatBringTheBookDeltaCloserToZero() {
    risk.onQuote(tick("SPY", 99.5, 100.5, T0));
    states.set("SPY", TradingState.REDUCING);
    assertThat(code(order("SPY", "b9", Side.SELL, 10, null, T0.plusSeconds(1))))
        .as("a book never reported: cannot tell").isEqualTo(RiskCode.REDUCING);
    exposures.onReport(report("SPY", "b1", T0, Map.of(), 500, 0));
    assertThat(code(order("SPY", "b1", Side.SELL, 300, null, T0.plusSeconds(1)))).isEqualTo("PASSED");
    assertThat(code(order("SPY", "b1", Side.SELL, 1_200, null, T0.plusSeconds(1))))
        .as("overshoots to -700: further from 0").isEqualTo(RiskCode.REDUCING);
    assertThat(code(order("SPY", "b1", Side.BUY, 1, null, T0.plusSeconds(1)))).isEqualTo(RiskCode.REDUCING);
  }

  static Stream<Long> seeds() {
    return LongStream.range(0, 25).boxed();
  }

  /**
   * Random reports and underlying orders of three books of two symbols: every order the oracle finds beyond a
   * limit (growing it) is blocked with that limit's code, and every other order passes.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyOrderBeyondALimitIsBlockedWithItsCodeAndNoOtherIs(long seed) {
    Random random = new Random(seed);
    Map<String, Double> reportedPosition = new HashMap<>();
    Map<String, Double> reportedDelta = new HashMap<>();
    Map<String, Double> sentSinceReport = new HashMap<>();
    String[] books = {"SPY/b1", "SPY/b2", "QQQ/b1"};
    Instant time = T0;
    risk.onQuote(tick("SPY", 99.5, 100.5, T0));
    risk.onQuote(tick("QQQ", 99.5, 100.5, T0));
    int blocked = 0;
    for (int step = 0; step < 2_000; step++) {
      time = time.plus(Duration.ofMillis(1 + random.nextInt(1_000)));
      String key = books[random.nextInt(books.length)];
      String symbol = key.substring(0, 3);
      String book = key.substring(4);
      if (random.nextInt(4) == 0) {
        double position = Math.round((random.nextDouble() - 0.5) * 4_000);
        double delta = Math.round((random.nextDouble() - 0.5) * 2_400);
        exposures.onReport(report(symbol, book, time, Map.of(symbol, position), delta, 0));
        reportedPosition.put(key, position);
        reportedDelta.put(key, delta);
        sentSinceReport.put(key, 0.0);
        continue;
      }
      Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
      double quantity = 1 + random.nextInt(900);
      double signed = side == Side.BUY ? quantity : -quantity;
      HedgeOrder order = order(symbol, book, side, quantity, null, time);
      double position = reportedPosition.getOrDefault(key, 0.0) + sentSinceReport.getOrDefault(key, 0.0);
      double delta = reportedDelta.getOrDefault(key, 0.0) + sentSinceReport.getOrDefault(key, 0.0);
      double symbolPosition = 0;
      for (String other : books) {
        if (other.startsWith(symbol)) {
          symbolPosition += reportedPosition.getOrDefault(other, 0.0) + sentSinceReport.getOrDefault(other, 0.0);
        }
      }
      String expected = growsBeyond(position, signed, LIMITS.maxPositionUnits()) ? RiskCode.POSITION_LIMIT
          : growsBeyond(symbolPosition, signed, LIMITS.maxSymbolPositionUnits()) ? RiskCode.SYMBOL_POSITION_LIMIT
          : growsBeyond(delta, signed, LIMITS.maxBookDelta()) ? RiskCode.DELTA_LIMIT
          : "PASSED";
      assertThat(code(order)).as("step %d: %s %s %s at position %s, symbol %s, delta %s", step, key, side, quantity,
          position, symbolPosition, delta).isEqualTo(expected);
      if (expected.equals("PASSED")) {
        risk.accepted(order);
        sentSinceReport.merge(key, signed, Double::sum);
      } else {
        blocked++;
      }
    }
    assertThat(blocked).as("the run exercises the limits").isGreaterThan(50);
  }

  /**
   * The oracle's reading of a limit, written from its definition: refused when the exposure after the order is
   * outside [-limit, limit] and farther from zero than before it.
   */
  private static boolean growsBeyond(double before, double change, double limit) {
    double after = before + change;
    boolean outside = after > limit || after < -limit;
    boolean fartherOut = after * after > before * before;
    return outside && fartherOut;
  }

  private String code(HedgeOrder order) {
    Optional<Rejection> rejection = risk.check(order);
    return rejection.map(Rejection::code).orElse("PASSED");
  }

  /** A book report of the engine, as much of it as the gateway reads. */
  public static PnlEvent report(String symbol, String book, Instant time, Map<String, Double> positions, double delta,
      double vega) {
    return PnlEvent.newBuilder().setBook(book).setSymbol(symbol).setDecisionId(book + "@" + time).setStep(0)
        .setEventTimeMicros(time).setSpot(100).setMarkToMarket(0).setOptionPnl(0).setHedgePnl(0).setCosts(0)
        .setStepPnl(0).setCumulativePnl(0).setDelta(delta).setGamma(0).setVega(vega).setTheta(0)
        .setPositions(positions).setPolicyVersion("test").build();
  }
}

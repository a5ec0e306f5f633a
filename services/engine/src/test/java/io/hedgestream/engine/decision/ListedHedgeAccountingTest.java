package io.hedgestream.engine.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.basics.EpochMicros;
import io.hedgestream.basics.Result;
import io.hedgestream.engine.marking.BookMarker;
import io.hedgestream.engine.marking.BookMarks;
import io.hedgestream.engine.marking.MarketSnapshot;
import io.hedgestream.engine.policy.DecisionContext;
import io.hedgestream.engine.policy.TargetHoldings;
import io.hedgestream.engine.state.BookState;
import io.hedgestream.engine.state.HedgeSeries;
import io.hedgestream.engine.state.OptionPosition;
import io.hedgestream.engine.state.StateSerdes;
import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.PutCall;
import io.hedgestream.pricing.SabrSmile;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Listed hedge options in the delta fallback, the guard, the marks and the ledger. */
class ListedHedgeAccountingTest {

  private static final long NOW = EpochMicros.of(Instant.parse("2025-01-02T14:30:00Z"));
  private static final long EXPIRY = EpochMicros.of(Instant.parse("2025-02-01T20:00:00Z"));
  private static final HedgeSeries CALL = HedgeSeries.of("SPY", "CALL_ATM_30D", PutCall.CALL, 100, EXPIRY, 100);
  private static final HedgeLimits LIMITS = new HedgeLimits(1e6, 1e5);

  private static MarketSnapshot market(long micros, double mid) {
    return new MarketSnapshot("SPY", micros, mid - 0.01, mid + 0.01, 0.2, 0.01, 0, null);
  }

  /** A desk short 10 calls (struck 100, same expiry) holding 4 listed calls and 200 shares. */
  private static BookState book() {
    BookState book = new BookState("b", "SPY");
    book.options().add(OptionPosition.open("SPY", PutCall.PUT, 95, EXPIRY, 100, -10, 0));
    book.useSeries(CALL);
    book.bookFill(CALL.optionId(), 4, 2.0, 1.0, 2.0);
    book.bookFill("SPY", 200, 100, 0, 100);
    return book;
  }

  private static double ttm(long now) {
    return EpochMicros.yearsBetween(now, EXPIRY);
  }

  @Test
  void theFallbackNeutralisesLiabilityAndHedgeOptionDeltaWithTheUnderlyingOnly() {
    BookState book = book();
    BookMarks marks = BookMarker.mark(book, market(NOW, 100));
    DecisionContext context = DecisionContext.of("b", marks, book.holdings(), book.pendingByInstrument());

    TargetHoldings fallback = PolicyGuard.fallback(context, LIMITS);

    double callDelta = BlackScholes.greeks(PutCall.CALL, 100, 100, ttm(NOW), 0.2, 0.01, 0).delta();
    double putDelta = BlackScholes.greeks(PutCall.PUT, 100, 95, ttm(NOW), 0.2, 0.01, 0).delta();
    assertThat(fallback.units()).containsOnlyKeys("SPY");
    assertThat(fallback.units().get("SPY")).isCloseTo(-(400 * callDelta - 1000 * putDelta), within(1e-9));
  }

  @Test
  void theGuardAcceptsListedFamiliesAndRefusesOtherNamesAndOversizedOptionTargets() {
    BookState book = book();
    DecisionContext context = DecisionContext.of("b", BookMarker.mark(book, market(NOW, 100)), book.holdings(),
        Map.of());
    TargetHoldings ok = new TargetHoldings(Map.of("SPY", 10.0, "PUT_ATM_14D", -300.0));
    assertThat(PolicyGuard.check(Result.success(ok), context, LIMITS).isSuccess()).isTrue();
    assertThat(PolicyGuard.check(Result.success(TargetHoldings.of("VARSWAP", 1)), context, LIMITS).reason())
        .contains("unsupported instrument VARSWAP");
    assertThat(PolicyGuard.check(Result.success(TargetHoldings.of("CALL_ATM_30D", 2e6)), context, LIMITS).reason())
        .contains("exceeds max-position");
  }

  @Test
  void aStepWithOptionHedgesIsExactlyTheChangeInMarkToMarket() {
    BookState book = book();
    OrderPlanner.DecisionLabel label = new OrderPlanner.DecisionLabel("b:SPY:1", HedgeReason.POLICY, "v", NOW);
    PnlEvent first = PnlAccountant.bookStep(book, BookMarker.mark(book, market(NOW, 100)), label, "", 10);
    long later = NOW + 3_600_000_000L;
    MarketSnapshot moved = market(later, 103);
    double model = BookMarker.hedgePrice(CALL, moved);
    book.bookFill(CALL.optionId(), -1, model - 0.03, 0.5, model);

    PnlEvent second = PnlAccountant.bookStep(book, BookMarker.mark(book, moved), label, "", 10);

    double callPrice = BlackScholes.price(PutCall.CALL, 103, 100, ttm(later), 0.2, 0.01, 0);
    assertThat(model).isCloseTo(callPrice, within(1e-12));
    assertThat(second.getStepPnl()).isEqualTo(second.getMarkToMarket() - first.getMarkToMarket());
    assertThat(second.getOptionPnl() + second.getHedgePnl() - second.getCosts())
        .isCloseTo(second.getStepPnl(), within(1e-9));
    assertThat(second.getCosts()).isCloseTo(0.5 + 100 * 0.03, within(1e-9));
    assertThat(second.getPositions()).containsEntry(CALL.optionId(), 3.0);
  }

  @Test
  void anExpiredHedgeSeriesSettlesIntoHedgeCashAndStopsBeingCurrent() {
    BookState book = book();
    OrderPlanner.DecisionLabel label = new OrderPlanner.DecisionLabel("b:SPY:1", HedgeReason.POLICY, "v", NOW);
    PnlEvent first = PnlAccountant.bookStep(book, BookMarker.mark(book, market(NOW, 100)), label, "", 10);
    MarketSnapshot atExpiry = market(EXPIRY, 104);

    assertThat(ExpirySettler.settle(book, atExpiry)).contains("settled hedge " + CALL.optionId() + " x4.0 at intrinsic 4.0");
    PnlEvent settled = PnlAccountant.bookStep(book, BookMarker.mark(book, atExpiry), label, "", 10);

    assertThat(book.holding(CALL.optionId())).isZero();
    assertThat(book.currentSeries("CALL_ATM_30D")).isNull();
    assertThat(book.hedgeSeries()).isEmpty();
    assertThat(settled.getStepPnl()).isEqualTo(settled.getMarkToMarket() - first.getMarkToMarket());
    assertThat(settled.getOptionPnl() + settled.getHedgePnl() - settled.getCosts())
        .isCloseTo(settled.getStepPnl(), within(1e-9));
  }

  @Test
  void hedgePnlAndCostsSplitByInstrumentThroughARollAndTheNewSeriesExpiry() {
    long rollExpiry = EXPIRY + 30L * 86_400_000_000L;
    HedgeSeries rolled = HedgeSeries.of("SPY", "CALL_ATM_30D", PutCall.CALL, 103, rollExpiry, 100);
    BookState book = book();
    OrderPlanner.DecisionLabel label = new OrderPlanner.DecisionLabel("b:SPY:1", HedgeReason.POLICY, "v", NOW);

    PnlEvent first = PnlAccountant.bookStep(book, BookMarker.mark(book, market(NOW, 100)), label, "", 10);

    double callAtFirst = BlackScholes.price(PutCall.CALL, 100, 100, ttm(NOW), 0.2, 0.01, 0);
    assertThat(first.getHedgePnlByInstrument()).containsOnlyKeys("SPY", CALL.optionId());
    assertThat(first.getHedgePnlByInstrument().get("SPY")).isZero();
    assertThat(first.getHedgePnlByInstrument().get(CALL.optionId()))
        .isCloseTo(400 * (callAtFirst - 2.0), within(1e-9));
    assertThat(first.getCostsByInstrument()).containsOnly(Map.entry("SPY", 0.0), Map.entry(CALL.optionId(), 1.0));
    assertSumsToTotals(first);

    long later = NOW + 3_600_000_000L;
    MarketSnapshot moved = market(later, 103);
    double oldModel = BookMarker.hedgePrice(CALL, moved);
    double newModel = BookMarker.hedgePrice(rolled, moved);
    book.useSeries(rolled);
    book.bookFill(CALL.optionId(), -4, oldModel - 0.03, 0.5, oldModel);
    book.bookFill(rolled.optionId(), 5, newModel + 0.02, 0.6, newModel);
    book.bookFill("SPY", 10, 103.01, 0.1, 103);

    PnlEvent roll = PnlAccountant.bookStep(book, BookMarker.mark(book, moved), label, "", 10);

    double callAtRoll = BlackScholes.price(PutCall.CALL, 103, 100, EpochMicros.yearsBetween(later, EXPIRY), 0.2,
        0.01, 0);
    assertThat(oldModel).isCloseTo(callAtRoll, within(1e-12));
    assertThat(roll.getHedgePnlByInstrument()).containsOnlyKeys("SPY", CALL.optionId(), rolled.optionId());
    assertThat(roll.getHedgePnlByInstrument().get("SPY")).isCloseTo(200 * 3, within(1e-9));
    assertThat(roll.getHedgePnlByInstrument().get(CALL.optionId())).as("closed at its mark: the move until then")
        .isCloseTo(400 * (callAtRoll - callAtFirst), within(1e-9));
    assertThat(roll.getHedgePnlByInstrument().get(rolled.optionId())).as("bought at its mark")
        .isCloseTo(0, within(1e-9));
    assertThat(roll.getCostsByInstrument().get("SPY")).isCloseTo(0.1 + 10 * 0.01, within(1e-12));
    assertThat(roll.getCostsByInstrument().get(CALL.optionId())).isCloseTo(0.5 + 400 * 0.03, within(1e-9));
    assertThat(roll.getCostsByInstrument().get(rolled.optionId())).isCloseTo(0.6 + 500 * 0.02, within(1e-9));
    assertSumsToTotals(roll);

    MarketSnapshot atExpiry = market(rollExpiry, 106);
    assertThat(ExpirySettler.settle(book, atExpiry))
        .contains("settled hedge " + rolled.optionId() + " x5.0 at intrinsic 3.0");
    PnlEvent settled = PnlAccountant.bookStep(book, BookMarker.mark(book, atExpiry), label, "", 10);

    assertThat(settled.getHedgePnlByInstrument()).as("the closed series has left the split")
        .containsOnlyKeys("SPY", rolled.optionId());
    assertThat(settled.getHedgePnlByInstrument().get("SPY")).isCloseTo(210 * 3, within(1e-9));
    assertThat(settled.getHedgePnlByInstrument().get(rolled.optionId())).as("settlement less the last mark")
        .isCloseTo(500 * 3 - 500 * newModel, within(1e-9));
    assertThat(settled.getCostsByInstrument())
        .containsOnly(Map.entry("SPY", 0.0), Map.entry(rolled.optionId(), 0.0));
    assertThat(settled.getOptionPnl()).as("the liability's settlement is not a hedge instrument's").isNotZero();
    assertSumsToTotals(settled);
  }

  @Test
  void aBookRestoredFromStateWrittenBeforeTheSplitLeavesOneStepUnsplitThenSplits() {
    BookState book = book();
    OrderPlanner.DecisionLabel label = new OrderPlanner.DecisionLabel("b:SPY:1", HedgeReason.POLICY, "v", NOW);
    PnlAccountant.bookStep(book, BookMarker.mark(book, market(NOW, 100)), label, "", 10);
    byte[] bytes = StateSerdes.books().serializer().serialize("t", book);
    // The per-instrument section: flag, previous values {SPY, call}, two empty flow maps; then the empty
    // released-orders count that ends the layout.
    int splitBytes = 1 + 4 + (4 + 3 + 8) + (4 + CALL.optionId().length() + 8) + 4 + 4 + 4;
    BookState restored = StateSerdes.books().deserializer().deserialize("t",
        Arrays.copyOf(bytes, bytes.length - splitBytes));
    MarketSnapshot moved = market(NOW + 3_600_000_000L, 101);

    PnlEvent unsplit = PnlAccountant.bookStep(restored, BookMarker.mark(restored, moved), label, "", 10);
    PnlEvent next = PnlAccountant.bookStep(restored, BookMarker.mark(restored, market(NOW + 7_200_000_000L, 102)),
        label, "", 10);

    assertThat(unsplit.getHedgePnl()).isNotZero();
    assertThat(unsplit.getHedgePnlByInstrument()).isEmpty();
    assertThat(unsplit.getCostsByInstrument()).isEmpty();
    assertThat(next.getHedgePnlByInstrument()).containsOnlyKeys("SPY", CALL.optionId());
    assertThat(next.getHedgePnlByInstrument().get("SPY")).isCloseTo(200, within(1e-9));
    assertSumsToTotals(next);
  }

  /** The splits add up, in ascending id order, to the step's totals. */
  private static void assertSumsToTotals(PnlEvent step) {
    double pnl = 0;
    double costs = 0;
    for (String instrument : new TreeMap<>(step.getHedgePnlByInstrument()).keySet()) {
      pnl += step.getHedgePnlByInstrument().get(instrument);
      costs += step.getCostsByInstrument().get(instrument);
    }
    assertThat(pnl).isCloseTo(step.getHedgePnl(), within(1e-9));
    assertThat(costs).isCloseTo(step.getCosts(), within(1e-9));
    assertThat(step.getCostsByInstrument()).hasSameSizeAs(step.getHedgePnlByInstrument());
  }

  @Test
  void withSabrParametersListedSeriesAndBookOptionsAreMarkedAtTheSmileVolOfTheirOwnStrike() {
    BookState book = book();
    MarketSnapshot.Sabr sabr = new MarketSnapshot.Sabr(3.0, 0.5, 0.2, 0.3);
    MarketSnapshot market = new MarketSnapshot("SPY", NOW, 99.99, 100.01, 0.2, 0.01, 0, sabr);

    BookMarks marks = BookMarker.mark(book, market);

    double ttm = ttm(NOW);
    SabrSmile smile = new SabrSmile(3.0, 0.5, 0.2, 0.3);
    double callVol = smile.volAt(100, 100, ttm, 0.01, 0);
    double putVol = smile.volAt(100, 95, ttm, 0.01, 0);
    assertThat(callVol).isNotCloseTo(0.2, within(0.01)).isNotCloseTo(putVol, within(1e-4));
    assertThat(marks.hedgeOptions()).singleElement().satisfies(hedge -> {
      assertThat(hedge.mark().vol()).isEqualTo(callVol);
      assertThat(hedge.mark().perUnit().price())
          .isCloseTo(BlackScholes.price(PutCall.CALL, 100, 100, ttm, callVol, 0.01, 0), within(1e-12));
    });
    assertThat(BookMarker.hedgePrice(CALL, market)).isEqualTo(marks.hedgeOptions().get(0).mark().perUnit().price());
    assertThat(marks.options()).singleElement().satisfies(option -> assertThat(option.vol()).isEqualTo(putVol));
  }
}

package io.hedgestream.engine.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.basics.Result;
import io.hedgestream.engine.input.EpochMicros;
import io.hedgestream.engine.marking.BookMarker;
import io.hedgestream.engine.marking.BookMarks;
import io.hedgestream.engine.marking.MarketSnapshot;
import io.hedgestream.engine.policy.DecisionContext;
import io.hedgestream.engine.policy.TargetHoldings;
import io.hedgestream.engine.state.BookState;
import io.hedgestream.engine.state.HedgeSeries;
import io.hedgestream.engine.state.OptionPosition;
import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.PutCall;
import io.hedgestream.pricing.SabrSmile;
import java.time.Instant;
import java.util.Map;
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

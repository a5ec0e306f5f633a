package io.hedgestream.engine.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hedgestream.engine.marking.BookMarker;
import io.hedgestream.engine.marking.MarketSnapshot;
import io.hedgestream.engine.policy.DecisionContext;
import io.hedgestream.engine.state.BookState;
import io.hedgestream.engine.state.HedgeSeries;
import io.hedgestream.engine.state.OptionPosition;
import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.PutCall;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract's listed-hedge features, from the formulas in features.json. */
class ListedHedgeFeaturesTest {

  private static final List<String> SET = FeatureContract.packaged().featureSet("bs-book-call30-v1").orElseThrow();

  private static DecisionContext context(BookState book, MarketSnapshot market) {
    return DecisionContext.of("b", BookMarker.mark(book, market), book.holdings(), book.pendingByInstrument());
  }

  private static BookState shortCalls() {
    BookState book = new BookState("b", Books.SYMBOL);
    book.options().add(OptionPosition.open(Books.SYMBOL, PutCall.CALL, 100, Books.NOW + 30 * Books.DAY, 100, -10, 0));
    return book;
  }

  @Test
  void withoutListedHedgesTheFeaturesAreZeroAndTheFamilysTenor() {
    double[] values = FeatureBuilder.of(SET).build(context(shortCalls(), Books.market(Books.NOW, 100, 0.2, 0, 0)))
        .value().values();
    assertThat(values).hasSize(11);
    assertThat(values[7]).isZero();
    assertThat(values[8]).isZero();
    assertThat(values[9]).isEqualTo(30 / 365.0);
    assertThat(values[10]).isZero();
  }

  @Test
  void heldSeriesGiveUnitsMoneynessTtmAndDeltaPerUnitScaleWeightedOverBothLegsOfARoll() {
    BookState book = shortCalls();
    HedgeSeries old = HedgeSeries.of(Books.SYMBOL, "CALL_ATM_30D", PutCall.CALL, 95, Books.NOW + 5 * Books.DAY, 100);
    HedgeSeries fresh = HedgeSeries.of(Books.SYMBOL, "CALL_ATM_30D", PutCall.CALL, 105, Books.NOW + 35 * Books.DAY, 100);
    book.useSeries(old);
    book.bookFill(old.optionId(), 3, 1, 0, 1);
    book.useSeries(fresh);
    book.bookFill(fresh.optionId(), 1, 1, 0, 1);
    MarketSnapshot market = Books.market(Books.NOW, 101, 0.25, 0.02, 0.01);

    double[] values = FeatureBuilder.of(SET).build(context(book, market)).value().values();

    double scale = 1000;
    double tauOld = 5 / 365.0;
    double tauFresh = 35 / 365.0;
    double deltaOld = BlackScholes.greeks(PutCall.CALL, 101, 95, tauOld, 0.25, 0.02, 0.01).delta();
    double deltaFresh = BlackScholes.greeks(PutCall.CALL, 101, 105, tauFresh, 0.25, 0.02, 0.01).delta();
    assertThat(values[7]).isCloseTo(400 / scale, within(1e-12));
    assertThat(values[8]).isCloseTo((300 * Math.log(101 / 95.0) + 100 * Math.log(101 / 105.0)) / 400, within(1e-12));
    assertThat(values[9]).isCloseTo((300 * tauOld + 100 * tauFresh) / 400, within(1e-12));
    assertThat(values[10]).isCloseTo((300 * deltaOld + 100 * deltaFresh) / scale, within(1e-12));
  }

  @Test
  void aSummaryForAModelWithoutListedFeaturesSkipsTheListedPartsAndTheBookFeaturesAreTheSame() {
    BookState book = shortCalls();
    HedgeSeries held = HedgeSeries.of(Books.SYMBOL, "CALL_ATM_30D", PutCall.CALL, 95, Books.NOW + 5 * Books.DAY, 100);
    book.useSeries(held);
    book.bookFill(held.optionId(), 3, 1, 0, 1);
    DecisionContext context = context(book, Books.market(Books.NOW, 101, 0.25, 0.02, 0.01));

    BookSummary full = BookSummary.of(context).value();
    BookSummary lean = BookSummary.of(context, false).value();

    assertThat(full.listed()).isNotEqualTo(ListedHedges.NONE);
    assertThat(full.callAtm30d().isSuccess()).isTrue();
    assertThat(lean.listed()).isEqualTo(ListedHedges.NONE);
    assertThat(lean.callAtm30d().isSuccess()).isFalse();
    List<String> bookOnly = SET.subList(0, 7);
    assertThat(bookOnly).noneMatch(ContractFeatures::readsListedState);
    assertThat(SET.subList(7, SET.size())).allMatch(ContractFeatures::readsListedState);
    assertThat(FeatureBuilder.of(bookOnly).build(context).value().values())
        .containsExactly(java.util.Arrays.copyOf(FeatureBuilder.of(SET).build(context).value().values(), 7));
  }
}

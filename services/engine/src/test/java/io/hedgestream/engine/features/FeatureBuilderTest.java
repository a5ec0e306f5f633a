package io.hedgestream.engine.features;

import static io.hedgestream.engine.features.Books.DAY;
import static io.hedgestream.engine.features.Books.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hedgestream.basics.Result;
import io.hedgestream.engine.marking.MarketSnapshot;
import io.hedgestream.engine.policy.DecisionContext;
import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.OptionGreeks;
import io.hedgestream.pricing.PutCall;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureBuilderTest {

  private static final FeatureContract CONTRACT = FeatureContract.packaged();
  private static final FeatureBuilder BS_BOOK = FeatureBuilder.of(CONTRACT.featureSet("bs-book-v1").orElseThrow());

  private static double[] features(DecisionContext context) {
    Result<FeatureBuilder.BookFeatures> built = BS_BOOK.build(context);
    assertThat(built.isSuccess()).as(built.isSuccess() ? "" : built.reason()).isTrue();
    return built.value().values();
  }

  private static int at(String name) {
    return BS_BOOK.names().indexOf(name);
  }

  @Test
  void everyServableContractFeatureOfTheShippedSetIsBuiltAndEveryBuiltNameIsInTheContract() {
    assertThat(ContractFeatures.names()).allSatisfy(name -> assertThat(CONTRACT.defines(name)).as(name).isTrue());
    assertThat(ContractFeatures.names()).containsAll(CONTRACT.featureSet("bs-book-v1").orElseThrow());
    assertThat(BS_BOOK.names()).isEqualTo(CONTRACT.featureSet("bs-book-v1").orElseThrow());
  }

  @Test
  void unknownFeatureNamesAreRefusedByName() {
    assertThatThrownBy(() -> FeatureBuilder.of(List.of("log_moneyness", "variance", "moon_phase")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[variance, moon_phase]");
  }

  @Test
  void theBuilderFollowsTheRequestedOrder() {
    FeatureBuilder reversed = FeatureBuilder.of(List.of("implied_vol", "ttm_years"));
    double[] values = reversed.build(Books.shortCalls("b", 10, 0)).value().values();
    assertThat(values).containsExactly(0.2, 30.0 / 365);
  }

  @Test
  void aShortCallBookHasNegativeDeltaAndTheContractsScaleAndUnits() {
    DecisionContext book = Books.shortCalls("b", 10, 250);
    double[] x = features(book);
    double tau = 30.0 / 365;
    OptionGreeks call = BlackScholes.greeks(PutCall.CALL, 100, 100, tau, 0.2, 0.01, 0.0);

    assertThat(BS_BOOK.build(book).value().scale()).isEqualTo(1000);
    assertThat(x[at("log_moneyness")]).isEqualTo(0.0);
    assertThat(x[at("ttm_years")]).isCloseTo(tau, within(1e-15));
    assertThat(x[at("implied_vol")]).isEqualTo(0.2);
    assertThat(x[at("book_delta")]).isCloseTo(-call.delta(), within(1e-15)).isNegative();
    assertThat(x[at("book_gamma_spot")]).isCloseTo(-100 * call.gamma(), within(1e-13));
    assertThat(x[at("book_vega_spot")]).isCloseTo(-call.vega() / 100, within(1e-15));
    assertThat(x[at("hedge_underlying")]).isEqualTo(0.25);
  }

  @Test
  void weightsAreGrossUnitsAndGreeksAreSignedUnitsOverTheScale() {
    MarketSnapshot market = Books.market(NOW, 50, 0.3, 0.02, 0.01);
    DecisionContext book = Books.context("b", market, List.of(
        new Books.Option(PutCall.CALL, 40, NOW + 10 * DAY, 100, -2),
        new Books.Option(PutCall.PUT, 60, NOW + 100 * DAY, 1, 100)), 0);
    double[] x = features(book);
    double t1 = 10.0 / 365;
    double t2 = 100.0 / 365;
    OptionGreeks call = BlackScholes.greeks(PutCall.CALL, 50, 40, t1, 0.3, 0.02, 0.01);
    OptionGreeks put = BlackScholes.greeks(PutCall.PUT, 50, 60, t2, 0.3, 0.02, 0.01);

    double w1 = 200.0 / 300;
    double w2 = 100.0 / 300;
    assertThat(x[at("log_moneyness")]).isCloseTo(w1 * Math.log(50.0 / 40) + w2 * Math.log(50.0 / 60), within(1e-15));
    assertThat(x[at("ttm_years")]).isCloseTo(w1 * t1 + w2 * t2, within(1e-15));
    assertThat(x[at("book_delta")]).isCloseTo((-200 * call.delta() + 100 * put.delta()) / 300, within(1e-15));
    assertThat(x[at("book_vega_spot")]).isCloseTo((-200 * call.vega() + 100 * put.vega()) / (50 * 300), within(1e-15));
  }

  @Test
  void onATickWithASmileEveryOptionIsValuedAtTheSabrVolOfItsOwnStrikeAndTheAtmVolStaysAFeature() {
    MarketSnapshot smile = new MarketSnapshot(Books.SYMBOL, NOW, 100, 100, 0.2, 0, 0,
        new MarketSnapshot.Sabr(0.3, 1.0, -0.5, 0.8));
    List<Books.Option> options = List.of(new Books.Option(PutCall.CALL, 90, NOW + 30 * DAY, 100, -5));

    DecisionContext smiled = Books.context("b", smile, options, 0);
    double ownVol = smiled.options().get(0).vol();
    assertThat(ownVol).isNotEqualTo(0.2);
    double[] atOwnVol = features(Books.context("b", Books.market(NOW, 100, ownVol, 0, 0), options, 0));
    double[] actual = features(smiled);
    assertThat(actual[2]).as("implied_vol is the tick's ATM vol").isEqualTo(0.2);
    atOwnVol[2] = 0.2;
    assertThat(actual).containsExactly(atOwnVol);
  }

  @Test
  void optionsAtOrPastExpiryAreNotInTheBook() {
    MarketSnapshot market = Books.market(NOW, 100, 0.2, 0, 0);
    Books.Option live = new Books.Option(PutCall.CALL, 100, NOW + 30 * DAY, 100, -1);
    Books.Option expired = new Books.Option(PutCall.CALL, 80, NOW, 100, -50);

    assertThat(features(Books.context("b", market, List.of(live, expired), 0)))
        .containsExactly(features(Books.context("b", market, List.of(live), 0)));
    Result<FeatureBuilder.BookFeatures> onlyExpired = BS_BOOK.build(Books.context("b", market, List.of(expired), 0));
    assertThat(onlyExpired.value().scale()).isZero();
  }

  @Test
  void aFeatureThatIsNotFiniteIsAFailureNamingIt() {
    MarketSnapshot market = Books.market(NOW, 100, 0.2, 0, 0);
    DecisionContext zeroStrike = Books.context("b", market,
        List.of(new Books.Option(PutCall.PUT, 0, NOW + 30 * DAY, 100, -1)), 0);

    Result<FeatureBuilder.BookFeatures> built = BS_BOOK.build(zeroStrike);
    assertThat(built.isSuccess()).isFalse();
    assertThat(built.reason()).contains("log_moneyness");
  }
}

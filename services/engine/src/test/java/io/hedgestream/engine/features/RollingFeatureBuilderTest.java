package io.hedgestream.engine.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hedgestream.basics.Result;
import io.hedgestream.engine.marking.BookMarker;
import io.hedgestream.engine.marking.MarketSnapshot;
import io.hedgestream.engine.policy.DecisionContext;
import io.hedgestream.engine.state.OptionPosition;
import io.hedgestream.market.RollingFeature;
import io.hedgestream.market.RollingFeatures;
import io.hedgestream.pricing.PutCall;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The feature builder serves the contract's rolling features from the decision's rolling state. */
class RollingFeatureBuilderTest {

  private static final FeatureContract CONTRACT = FeatureContract.packaged();

  private static RollingFeatures closes(int count) {
    double[] closes = new double[count];
    double[] volumes = new double[count];
    for (int i = 0; i < count; i++) {
      closes[i] = 100 * Math.exp(0.01 * Math.sin(i));
      volumes[i] = 1_000 + i;
    }
    return RollingFeatures.of(closes, volumes);
  }

  /** The desk short 10 at-the-money calls of {@link Books#SYMBOL}, with {@code rolling} features. */
  private static DecisionContext book(RollingFeatures rolling) {
    MarketSnapshot market = Books.market(Books.NOW, 100, 0.2, 0.01, 0.0);
    OptionPosition calls = OptionPosition.open(Books.SYMBOL, PutCall.CALL, 100, Books.NOW + 30 * Books.DAY, 100, -10,
        0.0);
    return DecisionContext.of("b", BookMarker.mark(List.of(calls), market), Map.of(), Map.of(), rolling);
  }

  @Test
  void theRollingSetIsBuildableAndEndsWithTheSixRollingFeaturesInContractOrder() {
    List<String> set = CONTRACT.featureSet("bs-book-rolling-v1").orElseThrow();
    FeatureBuilder builder = FeatureBuilder.of(set);
    assertThat(builder.names().subList(7, 13)).containsExactly(
        Arrays.stream(RollingFeature.values()).limit(6).map(RollingFeature::contractName).toArray(String[]::new));
    assertThat(ContractFeatures.names()).containsAll(set);
    assertThat(CONTRACT.servableSources()).contains("rolling");
  }

  @Test
  void theRobustRegimeSetEndsWithTheHoldingAndTheFiveContextFeatures() {
    List<String> set = CONTRACT.featureSet("robust-regime-v1").orElseThrow();
    FeatureBuilder builder = FeatureBuilder.of(set);
    assertThat(builder.names().subList(9, 15)).containsExactly("hedge_underlying", "regime_low", "regime_medium",
        "regime_high", "regime_crisis", "illiquid");
    assertThat(ContractFeatures.names()).containsAll(set);
  }

  @Test
  void rollingValuesComeFromTheDecisionsRollingState() {
    RollingFeatures rolling = closes(30);
    FeatureBuilder builder = FeatureBuilder.of(List.of("book_delta", "realized_vol_20d", "amihud_20d", "drawdown"));
    Result<FeatureBuilder.BookFeatures> built = builder.build(book(rolling));

    assertThat(built.isSuccess()).as(built.isSuccess() ? "" : built.reason()).isTrue();
    double[] values = built.value().values();
    assertThat(values[1]).isEqualTo(rolling.value(RollingFeature.REALIZED_VOL_20D));
    assertThat(values[2]).isEqualTo(rolling.value(RollingFeature.AMIHUD_20D));
    assertThat(values[3]).isEqualTo(rolling.value(RollingFeature.DRAWDOWN));
    assertThat(values[0]).isEqualTo(FeatureBuilder.of(List.of("book_delta")).build(book(rolling)).value().value(0));
  }

  @Test
  void aFeatureStillWarmingUpFailsTheBuildNamingItAndTheClosesAvailable() {
    FeatureBuilder builder = FeatureBuilder.of(List.of("book_delta", "drawdown", "momentum_20d"));
    Result<FeatureBuilder.BookFeatures> built = builder.build(book(closes(7)));
    assertThat(built.isSuccess()).isFalse();
    assertThat(built.reason()).isEqualTo("SYM: momentum_20d needs 21 daily closes, 7 available (warm-up)");
    assertThat(builder.build(book(RollingFeatures.NONE)).reason())
        .isEqualTo("SYM: drawdown needs 1 daily closes, 0 available (warm-up)");
  }

  @Test
  void unknownNamesAreStillRefused() {
    assertThatThrownBy(() -> FeatureBuilder.of(List.of("ret_1d", "ret_2d")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[ret_2d]");
  }
}

package io.hedgestream.engine.features;

import io.hedgestream.engine.instruments.ListedFamily;
import io.hedgestream.market.RollingFeature;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The contract features the engine can build: one function of a {@link BookSummary} per contract feature
 * name, and the {@code rolling} features ({@link RollingFeature}), which come from the symbol's rolling
 * state in the {@link io.hedgestream.engine.policy.DecisionContext} rather than from the book. Which of them
 * a model gets, and in which order, comes from the model's metadata (checked against the contract's feature
 * sets), never from this class. Names the contract defines that are missing here ({@code log_spot}:
 * training-only; {@code variance}: simulator-only) make a model that needs them be refused on load.
 */
public final class ContractFeatures {

  private static final Map<String, ToDoubleFunction<BookSummary>> BUILDERS = Map.of(
      "log_moneyness", BookSummary::logMoneyness,
      "ttm_years", BookSummary::ttmYears,
      "implied_vol", BookSummary::atmVol,
      "book_delta", BookSummary::delta,
      "book_gamma_spot", BookSummary::gammaSpot,
      "book_vega_spot", BookSummary::vegaSpot,
      "hedge_underlying", BookSummary::hedgeUnderlying);

  private static final ListedFamily CALL_ATM_30D = ListedFamily.parse("CALL_ATM_30D").orElseThrow();

  /** The listed-hedge features (definitions in the contract; {@link ListedHedges}). */
  private static final Map<String, ToDoubleFunction<BookSummary>> LISTED = Map.of(
      CALL_ATM_30D.holdingFeature(), summary -> summary.listed().units(CALL_ATM_30D.name()),
      CALL_ATM_30D.holdingFeature() + "_log_moneyness", summary -> summary.listed().logMoneyness(CALL_ATM_30D.name()),
      CALL_ATM_30D.holdingFeature() + "_ttm_years", summary -> summary.listed().ttmYears(CALL_ATM_30D),
      "hedge_options_delta", summary -> summary.listed().delta());

  /** Greeks of the series {@code CALL_ATM_30D} trades at the decision (contract; {@link TradedSeries}). */
  private static final Map<String, ToDoubleFunction<TradedSeries>> TRADED = Map.of(
      "call_atm_30d_traded_delta", TradedSeries::delta,
      "call_atm_30d_traded_gamma_spot", TradedSeries::gammaSpot,
      "call_atm_30d_traded_vega_spot", TradedSeries::vegaSpot,
      "call_atm_30d_traded_ttm_years", TradedSeries::ttmYears,
      "call_atm_30d_traded_log_moneyness", TradedSeries::logMoneyness);

  private ContractFeatures() {}

  /** A traded-series feature: NaN (so the build fails naming it) when the series cannot be priced. */
  private static ToDoubleFunction<BookSummary> traded(ToDoubleFunction<TradedSeries> greek) {
    return summary -> summary.callAtm30d().isSuccess() ? greek.applyAsDouble(summary.callAtm30d().value()) : Double.NaN;
  }

  /**
   * Whether a feature reads the book's listed-hedge state ({@link BookSummary#listed()} or
   * {@link BookSummary#callAtm30d()}), which a summary builds only for the models that read it.
   */
  public static boolean readsListedState(String name) {
    return LISTED.containsKey(name) || TRADED.containsKey(name);
  }

  /** Names of every feature the engine can build. */
  public static Set<String> names() {
    Set<String> names = new HashSet<>(BUILDERS.keySet());
    names.addAll(LISTED.keySet());
    names.addAll(TRADED.keySet());
    Arrays.stream(RollingFeature.values()).forEach(feature -> names.add(feature.contractName()));
    return names;
  }

  /**
   * The rolling feature of a name.
   *
   * @param name contract feature name
   * @return the rolling feature, empty when the name is not one (book features come from {@link #builder})
   */
  public static Optional<RollingFeature> rolling(String name) {
    return RollingFeature.named(name);
  }

  /**
   * The function of a feature.
   *
   * @param name contract feature name
   * @return its function, or null when the engine cannot build it from the book ({@link #rolling} features
   *     come from the context)
   */
  public static ToDoubleFunction<BookSummary> builder(String name) {
    ToDoubleFunction<BookSummary> builder = BUILDERS.get(name);
    if (builder != null) {
      return builder;
    }
    ToDoubleFunction<TradedSeries> greek = TRADED.get(name);
    return greek != null ? traded(greek) : LISTED.get(name);
  }
}

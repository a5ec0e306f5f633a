package io.hedgestream.engine.features;

import io.hedgestream.basics.Result;
import io.hedgestream.engine.policy.DecisionContext;
import io.hedgestream.market.RollingFeature;
import io.hedgestream.market.RollingFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Builds the ordered feature vector a model asks for (its {@code hedgestream.features} metadata) from a
 * book's {@link DecisionContext}, in float64, with the contract's functions from {@link ContractFeatures}.
 * The {@code rolling} features come from the context's {@link RollingFeatures}; one that is undefined (its
 * window not yet full) fails the build with a reason naming it and the closes available, so the book falls
 * back to the delta hedge. Immutable and thread-safe.
 */
public final class FeatureBuilder {

  private final List<String> names;
  private final List<ToDoubleFunction<BookSummary>> functions;
  /** The rolling feature at each position, null where the feature comes from the book summary. */
  private final RollingFeature[] rolling;
  /** Whether any feature reads the book's listed hedges (else the summary skips pricing them). */
  private final boolean listedState;

  private FeatureBuilder(List<String> names, List<ToDoubleFunction<BookSummary>> functions) {
    this.names = List.copyOf(names);
    this.functions = List.copyOf(functions);
    this.rolling = names.stream().map(name -> ContractFeatures.rolling(name).orElse(null))
        .toArray(RollingFeature[]::new);
    this.listedState = names.stream().anyMatch(ContractFeatures::readsListedState);
  }

  /**
   * A builder of the named features, in that order.
   *
   * @param names contract feature names
   * @return the builder
   * @throws IllegalArgumentException naming every feature the engine cannot build, or for an empty or
   *     duplicated list
   */
  public static FeatureBuilder of(List<String> names) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("no features: a policy needs at least one input");
    }
    List<String> unknown = new ArrayList<>();
    List<ToDoubleFunction<BookSummary>> functions = new ArrayList<>();
    for (String name : names) {
      ToDoubleFunction<BookSummary> function = ContractFeatures.builder(name);
      if (function == null && ContractFeatures.rolling(name).isEmpty()) {
        unknown.add(name);
      }
      functions.add(function == null ? FROM_ROLLING_STATE : function);
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("the engine cannot build features " + unknown + " (it builds "
          + ContractFeatures.names().stream().sorted().toList() + ")");
    }
    if (names.stream().distinct().count() != names.size()) {
      throw new IllegalArgumentException("duplicate features in " + names);
    }
    return new FeatureBuilder(names, functions);
  }

  /** Stands in the function list at a rolling feature's position (its value comes from the context). */
  private static final ToDoubleFunction<BookSummary> FROM_ROLLING_STATE = summary -> Double.NaN;

  /** The feature names, in vector order. */
  public List<String> names() {
    return names;
  }

  /** Number of features F. */
  public int size() {
    return names.size();
  }

  /**
   * Builds one book's features.
   *
   * @param context the book at its market
   * @return the features and the book's scale, or a failure when an option cannot be priced or a feature
   *     is not finite
   */
  public Result<BookFeatures> build(DecisionContext context) {
    Result<BookSummary> summary = BookSummary.of(context, listedState);
    if (!summary.isSuccess()) {
      return Result.failure(summary.reason());
    }
    double[] values = new double[functions.size()];
    for (int i = 0; i < values.length; i++) {
      if (rolling[i] != null) {
        values[i] = context.rolling().value(rolling[i]);
        if (Double.isNaN(values[i])) {
          return Result.failure(context.symbol() + ": " + context.rolling().get(rolling[i]).reason());
        }
      } else {
        values[i] = functions.get(i).applyAsDouble(summary.value());
      }
      if (!Double.isFinite(values[i])) {
        return Result.failure("feature " + names.get(i) + " is " + values[i]);
      }
    }
    return Result.success(new BookFeatures(values, summary.value().scale()));
  }

  /**
   * One book's feature vector.
   *
   * @param values the features in the builder's order, float64 (owned by this record; do not modify)
   * @param scale the book's scale: model outputs are holdings per unit of it
   */
  public record BookFeatures(double[] values, double scale) {

    /** Feature {@code i}. */
    public double value(int i) {
      return values[i];
    }
  }
}

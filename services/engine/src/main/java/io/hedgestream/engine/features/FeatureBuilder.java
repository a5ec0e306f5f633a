package io.hedgestream.engine.features;

import io.hedgestream.basics.Result;
import io.hedgestream.engine.policy.DecisionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Builds the ordered feature vector a model asks for (its {@code hedgestream.features} metadata) from a
 * book's {@link DecisionContext}, in float64, with the contract's functions from {@link ContractFeatures}.
 * Immutable and thread-safe.
 */
public final class FeatureBuilder {

  private final List<String> names;
  private final List<ToDoubleFunction<BookSummary>> functions;

  private FeatureBuilder(List<String> names, List<ToDoubleFunction<BookSummary>> functions) {
    this.names = List.copyOf(names);
    this.functions = List.copyOf(functions);
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
      if (function == null) {
        unknown.add(name);
      }
      functions.add(function);
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
    Result<BookSummary> summary = BookSummary.of(context);
    if (!summary.isSuccess()) {
      return Result.failure(summary.reason());
    }
    double[] values = new double[functions.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = functions.get(i).applyAsDouble(summary.value());
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

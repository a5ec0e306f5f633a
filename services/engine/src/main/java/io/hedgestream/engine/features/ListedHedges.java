package io.hedgestream.engine.features;

import io.hedgestream.engine.instruments.ListedFamily;
import io.hedgestream.engine.marking.HedgeMark;
import io.hedgestream.engine.marking.OptionMark;
import io.hedgestream.engine.policy.DecisionContext;
import java.util.HashMap;
import java.util.Map;

/**
 * What a book holds in listed hedge options, per unit of book scale, as the contract's listed-hedge
 * features define it: per family the option units held (contracts x multiplier, over every held series of
 * the family, so both legs during a roll), their |units|-weighted log-moneyness {@code ln(S/K)} and time to
 * expiry, and the delta of all hedge options. Series are valued at the tick's ATM vol.
 *
 * @param families per family name: held units / scale, weighted log-moneyness, weighted ttm (years)
 * @param delta {@code sum contracts x multiplier x Delta / scale} over all held hedge series
 */
public record ListedHedges(Map<String, Family> families, double delta) {

  /** No listed hedges. */
  public static final ListedHedges NONE = new ListedHedges(Map.of(), 0);

  /**
   * One family's hedge.
   *
   * @param units held option units / scale
   * @param logMoneyness {@code sum |u_j| ln(S/K_j) / sum |u_j|}
   * @param ttmYears {@code sum |u_j| tau_j / sum |u_j|}
   */
  public record Family(double units, double logMoneyness, double ttmYears) {}

  /** Copies the map. */
  public ListedHedges {
    families = Map.copyOf(families);
  }

  /**
   * Summarises the hedge options of a book.
   *
   * @param context the book at its market
   * @param scale the book's scale, > 0
   * @return the summary
   */
  public static ListedHedges of(DecisionContext context, double scale) {
    if (context.hedgeOptions().isEmpty()) {
      return NONE;
    }
    double spot = context.market().mid();
    Map<String, double[]> sums = new HashMap<>();
    double delta = 0;
    for (HedgeMark hedge : context.hedgeOptions()) {
      OptionMark mark = hedge.mark();
      double units = mark.units();
      double[] sum = sums.computeIfAbsent(hedge.family(), f -> new double[4]);
      sum[0] += units;
      sum[1] += Math.abs(units);
      sum[2] += Math.abs(units) * Math.log(spot / mark.strike());
      sum[3] += Math.abs(units) * mark.ttmYears();
      delta += units * mark.perUnit().delta();
    }
    Map<String, Family> families = new HashMap<>();
    // Holdings of exactly 0 leave the book, so every held series has |units| > 0.
    sums.forEach((family, sum) -> families.put(family, new Family(sum[0] / scale, sum[2] / sum[1], sum[3] / sum[1])));
    return new ListedHedges(families, delta / scale);
  }

  /** Held option units of a family per unit of scale, 0 when none. */
  public double units(String family) {
    Family held = families.get(family);
    return held == null ? 0 : held.units();
  }

  /** Weighted log-moneyness of a family's held series, 0 when none is held. */
  public double logMoneyness(String family) {
    Family held = families.get(family);
    return held == null ? 0 : held.logMoneyness();
  }

  /** Weighted time to expiry of a family's held series; the family's tenor (N / 365) when none is held. */
  public double ttmYears(ListedFamily family) {
    Family held = families.get(family.name());
    return held == null ? family.tenorDays() / 365.0 : held.ttmYears();
  }
}

package io.hedgestream.launcher;

import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.PutCall;

/**
 * The engine's ledger for one path of the study, recomputed offline with the same arithmetic: premium
 * into cash on day 0; on each day {@code k < days} the target holding {@code -(option delta)} (the BS call
 * delta at the day's spot and time to expiry, times the desk's units), an order for the difference rounded
 * to whole lots, filled at the day's spot with no fee; on the expiry day the option cash-settles at
 * intrinsic value and the book's value is {@code cash + holding x spot}.
 *
 * <p>The operations are those of the engine ({@code OrderPlanner.roundToLots}, {@code BookState.bookFill},
 * {@code ExpirySettler}) in the same order, so the engine's cumulative PnL, a telescoping sum of its step
 * mark-to-market changes, must equal this to rounding (~1e-12 relative).
 */
final class DeltaHedgingReplica {

  private DeltaHedgingReplica() {}

  /**
   * The final PnL of the daily delta-hedged short call on {@code spots}.
   *
   * @param setup the study
   * @param spots the path, days 0 .. {@code setup.days()}
   * @return final cash plus hedge value at expiry, money
   */
  static double hedgedPnl(DeltaHedgingSetup setup, double[] spots) {
    double deskUnits = -setup.contracts() * setup.multiplier();
    double cash = setup.premium() * setup.contracts() * setup.multiplier();
    double holding = 0;
    for (int day = 0; day < setup.days(); day++) {
      double spot = spots[day];
      double delta = BlackScholes.greeks(PutCall.CALL, spot, setup.strike(), setup.ttmYears(day), setup.vol(), 0, 0)
          .delta() * deskUnits;
      double order = roundToLots(-delta - holding, setup.lotSize());
      if (order != 0) {
        holding += order;
        cash += -order * spot;
      }
    }
    double expirySpot = spots[setup.days()];
    cash += settlement(setup, expirySpot);
    return cash + holding * expirySpot;
  }

  /**
   * The hedge holding after each day's fill, days 0 .. {@code days - 1} (for diagnostics).
   *
   * @param setup the study
   * @param spots the path
   * @return holdings in units
   */
  static double[] holdings(DeltaHedgingSetup setup, double[] spots) {
    double deskUnits = -setup.contracts() * setup.multiplier();
    double[] holdings = new double[setup.days()];
    double holding = 0;
    for (int day = 0; day < setup.days(); day++) {
      double delta = BlackScholes.greeks(PutCall.CALL, spots[day], setup.strike(), setup.ttmYears(day), setup.vol(),
          0, 0).delta() * deskUnits;
      holding += roundToLots(-delta - holding, setup.lotSize());
      holdings[day] = holding;
    }
    return holdings;
  }

  /**
   * The final PnL of the same short call never hedged: premium minus the payoff.
   *
   * @param setup the study
   * @param spots the path
   * @return premium received minus cash settlement paid, money
   */
  static double unhedgedPnl(DeltaHedgingSetup setup, double[] spots) {
    double cash = setup.premium() * setup.contracts() * setup.multiplier();
    return cash + settlement(setup, spots[setup.days()]);
  }

  /** The desk's expiry settlement: intrinsic x desk contracts x multiplier (negative for a short call). */
  private static double settlement(DeltaHedgingSetup setup, double expirySpot) {
    double intrinsic = Math.max(expirySpot - setup.strike(), 0);
    return intrinsic * -setup.contracts() * setup.multiplier();
  }

  /** {@code units} rounded to the nearest whole number of lots, halves away from zero (as the engine). */
  static double roundToLots(double units, double lotSize) {
    double lots = Math.floor(Math.abs(units) / lotSize + 0.5);
    return lots == 0 ? 0 : Math.copySign(lots * lotSize, units);
  }
}

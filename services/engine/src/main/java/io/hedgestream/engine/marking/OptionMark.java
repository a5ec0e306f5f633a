package io.hedgestream.engine.marking;

import io.hedgestream.pricing.OptionGreeks;
import io.hedgestream.pricing.PutCall;

/**
 * One liability option of a book marked at a market: its terms, the desk's position, and its price and
 * Greeks per unit of underlying.
 *
 * @param optionId option id ({@code SYMBOL-YYYYMMDD-C|P-STRIKE})
 * @param putCall call or put
 * @param strike strike per unit of underlying
 * @param expiryMicros expiry, epoch microseconds
 * @param multiplier underlying units per contract
 * @param deskQuantity contracts the desk holds (negative = short)
 * @param ttmYears time to expiry in years, ACT/365
 * @param vol the volatility it was priced with (ATM, or SABR at its strike)
 * @param perUnit price and Greeks per unit of underlying
 * @param stale true when pricing failed and the previous mark was kept (Greeks then 0)
 */
public record OptionMark(String optionId, PutCall putCall, double strike, long expiryMicros, double multiplier,
    double deskQuantity, double ttmYears, double vol, OptionGreeks perUnit, boolean stale) {

  /** Underlying units the position controls: desk contracts x multiplier. */
  public double units() {
    return deskQuantity * multiplier;
  }

  /** The position's value: units x price. */
  public double value() {
    return units() * perUnit.price();
  }

  /** The position's Greeks. */
  public BookGreeks greeks() {
    double units = units();
    return new BookGreeks(perUnit.delta() * units, perUnit.gamma() * units, perUnit.vega() * units,
        perUnit.theta() * units);
  }
}

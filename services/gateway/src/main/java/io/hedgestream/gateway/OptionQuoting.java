package io.hedgestream.gateway;

import java.util.Locale;

/**
 * How the {@link PaperExchange} charges for a listed option fill ({@code gateway.paper.option-pricing}).
 * Either way the option's model price is Black-Scholes-Merton at the tick's mid with the smile vol of its own
 * strike and expiry (SABR when the tick carries SABR parameters, the ATM vol otherwise).
 *
 * <ul>
 *   <li>{@link #HALF_SPREAD_VOL} (the default): buys pay the price at vol + {@code option-half-spread-vol},
 *       sells receive it at vol − that; the fee is {@code fee-bps} of the premium notional.
 *   <li>{@link #COST_FRACTION}: fills are at the model price and the fee is {@code option-cost-fraction} of
 *       the premium notional (price x contracts x multiplier) and nothing else: the proportional option cost
 *       of the trainer's SABR book environment ({@code option_cost}); {@code fee-bps} then applies to
 *       underlying fills only.
 * </ul>
 */
public enum OptionQuoting {
  /** A spread in vol points around the model price, plus the fee in basis points. */
  HALF_SPREAD_VOL,
  /** The model price, with a fee that is a fraction of the option's value. */
  COST_FRACTION;

  /** The property value of this mode: {@code half-spread-vol} or {@code cost-fraction}. */
  public String propertyValue() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses a property value.
   *
   * @param value {@code half-spread-vol} or {@code cost-fraction}
   * @return the mode
   * @throws IllegalArgumentException for any other value
   */
  public static OptionQuoting parse(String value) {
    for (OptionQuoting mode : values()) {
      if (mode.propertyValue().equals(value)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("option-pricing must be half-spread-vol or cost-fraction, got " + value);
  }
}

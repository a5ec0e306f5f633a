package io.hedgestream.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hedgestream.basics.Result;
import org.junit.jupiter.api.Test;

/** Implied vol inversion: round trips on a seeded grid, and a reasoned failure for every bad input. */
class ImpliedVolTest {

  @Test
  void impliedVolRecoversTheVolThatPricedTheOption() {
    int checked = 0;
    for (MarketPoint p : MarketPoint.grid(7, 1000)) {
      OptionGreeks greeks = p.greeks();
      double price = greeks.price();
      if (timeValue(p, price) < 1e-10 * (p.spot() + p.strike())) {
        continue; // price indistinguishable from intrinsic in double precision: no vol to recover
      }
      checked++;

      Result<Double> vol = BlackScholes.impliedVol(p.putCall(), price, p.spot(), p.strike(), p.ttmYears(),
          p.rate(), p.dividendYield());

      assertThat(vol.isSuccess()).as("%s: %s", p, vol).isTrue();
      // The inversion guarantees the price to 1e-8 relative, so the vol is determined only to within
      // 1e-8 price / vega: deep in the money and near expiry vega vanishes and so does the information.
      double resolvable = 1e-8 * price / greeks.vega();
      assertThat(vol.value()).as("vol at %s", p).isCloseTo(p.vol(), within(1e-9 + resolvable));
      double repriced = BlackScholes.price(p.putCall(), p.spot(), p.strike(), p.ttmYears(), vol.value(),
          p.rate(), p.dividendYield());
      assertThat(repriced).as("repriced at %s", p).isCloseTo(price, within(1e-8 * price + 1e-12));
    }
    assertThat(checked).isGreaterThan(950);
  }

  private static double timeValue(MarketPoint p, double price) {
    double forward = p.spot() * Math.exp((p.rate() - p.dividendYield()) * p.ttmYears());
    double discount = Math.exp(-p.rate() * p.ttmYears());
    return price - discount * Math.max(p.putCall().sign() * (forward - p.strike()), 0);
  }

  @Test
  void shouldFailWhenThePriceIsIndistinguishableFromIntrinsic() {
    // Deep out of the money a few days from expiry: the price is ~1e-15, at rounding level.
    double price = BlackScholes.price(PutCall.PUT, 125, 78, 0.06, 0.25, 0.05, 0.04);

    assertThat(BlackScholes.impliedVol(PutCall.PUT, price, 125, 78, 0.06, 0.05, 0.04).isFailure()).isTrue();
  }

  @Test
  void impliedVolRoundTripsForDeepInAndOutOfTheMoneyOptionsWithEnoughTimeValue() {
    double[][] cases = {{100, 40, 2, 0.6}, {100, 250, 2, 0.6}, {100, 60, 0.25, 0.5}, {100, 160, 0.25, 0.5},
        {1e-3, 1.2e-3, 1, 0.3}, {5e4, 4e4, 0.5, 0.3}};
    for (double[] c : cases) {
      for (PutCall putCall : PutCall.values()) {
        double price = BlackScholes.price(putCall, c[0], c[1], c[2], c[3], 0.03, 0.01);

        Result<Double> vol = BlackScholes.impliedVol(putCall, price, c[0], c[1], c[2], 0.03, 0.01);

        assertThat(vol.isSuccess()).as("%s %s: %s", putCall, java.util.Arrays.toString(c), vol).isTrue();
        assertThat(vol.value()).isCloseTo(c[3], within(1e-5));
      }
    }
  }

  @Test
  void shouldFailForPriceBelowDiscountedForwardIntrinsic() {
    // F = 110 e^{0.05} ~ 115.6, K = 100: lower bound D (F - K) = 110 - 100 e^{-0.05} ~ 14.88.
    Result<Double> vol = BlackScholes.impliedVol(PutCall.CALL, 14.0, 110, 100, 1, 0.05, 0);

    assertThat(vol.isFailure()).isTrue();
    assertThat(vol.reason()).contains("lower bound");
  }

  @Test
  void shouldFailForPriceExactlyAtIntrinsicBecauseTheVolIsUndetermined() {
    double intrinsic = 110 - 100 * Math.exp(-0.05);

    Result<Double> vol = BlackScholes.impliedVol(PutCall.CALL, intrinsic, 110, 100, 1, 0.05, 0);

    assertThat(vol.isFailure()).isTrue();
    assertThat(vol.reason()).contains("lower bound");
  }

  @Test
  void shouldFailForCallPriceAboveDiscountedSpot() {
    Result<Double> vol = BlackScholes.impliedVol(PutCall.CALL, 99.5, 100, 100, 1, 0.05, 0.01);

    assertThat(vol.isFailure()).isTrue();
    assertThat(vol.reason()).contains("upper bound");
  }

  @Test
  void shouldFailForPutPriceAboveDiscountedStrike() {
    Result<Double> vol = BlackScholes.impliedVol(PutCall.PUT, 96, 100, 100, 1, 0.05, 0);

    assertThat(vol.isFailure()).isTrue();
    assertThat(vol.reason()).contains("upper bound");
  }

  @Test
  void shouldFailForNaNOrNonPositiveInputsWithTheArgumentNamed() {
    assertThat(BlackScholes.impliedVol(PutCall.CALL, Double.NaN, 100, 100, 1, 0, 0).reason()).contains("price");
    assertThat(BlackScholes.impliedVol(PutCall.CALL, 0, 100, 100, 1, 0, 0).reason()).contains("price");
    assertThat(BlackScholes.impliedVol(PutCall.CALL, -1, 100, 100, 1, 0, 0).reason()).contains("price");
    assertThat(BlackScholes.impliedVol(PutCall.CALL, 5, 0, 100, 1, 0, 0).reason()).contains("spot");
    assertThat(BlackScholes.impliedVol(PutCall.CALL, 5, Double.NaN, 100, 1, 0, 0).reason()).contains("spot");
    assertThat(BlackScholes.impliedVol(PutCall.CALL, 5, 100, -100, 1, 0, 0).reason()).contains("strike");
    assertThat(BlackScholes.impliedVol(PutCall.CALL, 5, 100, 100, 0, 0, 0).reason()).contains("ttmYears");
    assertThat(BlackScholes.impliedVol(PutCall.CALL, 5, 100, 100, -1, 0, 0).reason()).contains("ttmYears");
    assertThat(BlackScholes.impliedVol(PutCall.CALL, 5, 100, 100, 1, Double.NaN, 0).reason()).contains("rate");
    assertThat(BlackScholes.impliedVol(PutCall.CALL, 5, 100, 100, Double.POSITIVE_INFINITY, 0, 0).isFailure())
        .isTrue();
    assertThat(BlackScholes.impliedVol(null, 5, 100, 100, 1, 0, 0).reason()).contains("putCall");
  }
}

package io.hedgestream.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Prices and Greeks against published textbook values (Hull, Options, Futures and Other Derivatives). */
class BlackScholesClosedFormTest {

  @Test
  void priceMatchesHullExampleForCallAndPut() {
    // Hull, 8th ed., Example 15.6: S=42, K=40, r=10%, sigma=20%, T=0.5 -> c = 4.76, p = 0.81.
    double call = BlackScholes.price(PutCall.CALL, 42, 40, 0.5, 0.2, 0.1, 0);
    double put = BlackScholes.price(PutCall.PUT, 42, 40, 0.5, 0.2, 0.1, 0);

    assertThat(call).isCloseTo(4.76, within(0.005));
    assertThat(put).isCloseTo(0.81, within(0.005));
    // Same inputs to more digits, from the closed form with d1 = 0.7693, d2 = 0.6278.
    assertThat(call).isCloseTo(4.759422, within(1e-6));
    assertThat(put).isCloseTo(0.808599, within(1e-6));
  }

  @Test
  void priceMatchesHullIndexOptionWithDividendYield() {
    // Hull, 8th ed., Example 17.1: S=930, K=900, r=8%, q=3%, sigma=20%, T=2/12 -> c = 51.83.
    double call = BlackScholes.price(PutCall.CALL, 930, 900, 2.0 / 12, 0.2, 0.08, 0.03);

    assertThat(call).isCloseTo(51.83, within(0.005));
  }

  @Test
  void greeksMatchHullDeltaHedgingExample() {
    // Hull, 8th ed., section 19.4-19.8: S=49, K=50, r=5%, sigma=20%, T=20 weeks (0.3846 y):
    // call price 2.40, delta 0.522, gamma 0.066, vega 12.1 (per 1.00 of vol), theta -4.31 per year.
    OptionGreeks greeks = BlackScholes.greeks(PutCall.CALL, 49, 50, 0.3846, 0.2, 0.05, 0);

    assertThat(greeks.price()).isCloseTo(2.40, within(0.005));
    assertThat(greeks.delta()).isCloseTo(0.522, within(0.0005));
    assertThat(greeks.gamma()).isCloseTo(0.066, within(0.0005));
    assertThat(greeks.vega()).isCloseTo(12.1, within(0.05));
    assertThat(greeks.theta()).isCloseTo(-4.31, within(0.005));
  }

  @Test
  void greeksMatchTheTextbookFormulasWithDividends() {
    double spot = 100;
    double strike = 95;
    double ttm = 0.75;
    double vol = 0.3;
    double rate = 0.04;
    double dividend = 0.02;
    double sqrtT = Math.sqrt(ttm);
    double d1 = (Math.log(spot / strike) + (rate - dividend + 0.5 * vol * vol) * ttm) / (vol * sqrtT);
    double d2 = d1 - vol * sqrtT;
    double dq = Math.exp(-dividend * ttm);
    double dr = Math.exp(-rate * ttm);
    double density = Math.exp(-0.5 * d1 * d1) / Math.sqrt(2 * Math.PI);
    // N computed independently of Strata (Marsaglia's Taylor series, absolute error ~1e-15).
    double nd1 = StandardNormal.cdf(d1);
    double nd2 = StandardNormal.cdf(d2);

    OptionGreeks put = BlackScholes.greeks(PutCall.PUT, spot, strike, ttm, vol, rate, dividend);

    assertThat(put.price()).isCloseTo(strike * dr * (1 - nd2) - spot * dq * (1 - nd1), within(1e-10));
    assertThat(put.delta()).isCloseTo(-dq * (1 - nd1), within(1e-12));
    assertThat(put.gamma()).isCloseTo(dq * density / (spot * vol * sqrtT), within(1e-12));
    assertThat(put.vega()).isCloseTo(spot * dq * density * sqrtT, within(1e-10));
    assertThat(put.theta()).isCloseTo(-spot * dq * density * vol / (2 * sqrtT)
        + rate * strike * dr * (1 - nd2) - dividend * spot * dq * (1 - nd1), within(1e-10));
  }
}

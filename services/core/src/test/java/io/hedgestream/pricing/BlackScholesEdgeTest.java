package io.hedgestream.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The limits at expiry, zero vol, deep in/out of the money and zero spot: finite, correct, never NaN. */
class BlackScholesEdgeTest {

  private static final double RATE = 0.05;
  private static final double DIVIDEND = 0.02;

  private static OptionGreeks greeks(PutCall putCall, double spot, double strike, double ttm, double vol) {
    return BlackScholes.greeks(putCall, spot, strike, ttm, vol, RATE, DIVIDEND);
  }

  @Test
  void expiredOptionIsWorthIntrinsicWithStepDeltaAndNoOtherRisk() {
    for (double ttm : new double[] {0, -1e-9, -1}) {
      assertThat(greeks(PutCall.CALL, 110, 100, ttm, 0.2)).isEqualTo(new OptionGreeks(10, 1, 0, 0, 0));
      assertThat(greeks(PutCall.CALL, 90, 100, ttm, 0.2)).isEqualTo(new OptionGreeks(0, 0, 0, 0, 0));
      assertThat(greeks(PutCall.PUT, 90, 100, ttm, 0.2)).isEqualTo(new OptionGreeks(10, -1, 0, 0, 0));
      assertThat(greeks(PutCall.PUT, 110, 100, ttm, 0.2)).isEqualTo(new OptionGreeks(0, 0, 0, 0, 0));
    }
  }

  @Test
  void expiredAtTheMoneyDeltaIsHalfTheStep() {
    assertThat(greeks(PutCall.CALL, 100, 100, 0, 0.2).delta()).isEqualTo(0.5);
    assertThat(greeks(PutCall.PUT, 100, 100, 0, 0.2).delta()).isEqualTo(-0.5);
  }

  @Test
  void pricesAndGreeksConvergeToTheExpiryLimitsAsTimeRunsOut() {
    for (double ttm : new double[] {1e-6, 1e-9, 1e-12, 1e-20, 1e-30}) {
      OptionGreeks itmCall = greeks(PutCall.CALL, 110, 100, ttm, 0.2);
      OptionGreeks otmPut = greeks(PutCall.PUT, 110, 100, ttm, 0.2);

      assertThat(itmCall.price()).isCloseTo(10, within(1e-3));
      assertThat(itmCall.delta()).isCloseTo(Math.exp(-DIVIDEND * ttm), within(1e-9));
      assertThat(itmCall.gamma()).isCloseTo(0, within(1e-9));
      assertThat(itmCall.vega()).isCloseTo(0, within(1e-9));
      assertThat(otmPut.price()).isCloseTo(0, within(1e-12));
      assertThat(otmPut.delta()).isCloseTo(0, within(1e-9));
    }
  }

  @Test
  void atTheMoneyNearExpiryGammaGrowsButStaysFiniteAndDeltaTendsToOneHalf() {
    for (double ttm : new double[] {1e-6, 1e-12, 1e-20}) {
      OptionGreeks call = greeks(PutCall.CALL, 100, 100, ttm, 0.2);

      assertThat(call.delta()).isCloseTo(0.5, within(1e-3));
      assertThat(call.gamma()).isFinite().isPositive();
      assertThat(call.theta()).isFinite().isNegative();
      assertThat(call.price()).isCloseTo(0, within(0.02));
    }
  }

  @Test
  void zeroOrNegativeVolGivesDiscountedForwardIntrinsicWithStepDelta() {
    double ttm = 1;
    double forward = 100 * Math.exp((RATE - DIVIDEND) * ttm);
    double discount = Math.exp(-RATE * ttm);
    double dq = Math.exp(-DIVIDEND * ttm);
    for (double vol : new double[] {0, -0.2, 1e-13}) {
      // K = 102 < F ~ 103.05: the call is in the money on the forward although out of the money on spot.
      OptionGreeks call = greeks(PutCall.CALL, 100, 102, ttm, vol);
      OptionGreeks put = greeks(PutCall.PUT, 100, 102, ttm, vol);

      assertThat(call.price()).isCloseTo(discount * (forward - 102), within(1e-12));
      assertThat(call.delta()).isEqualTo(dq);
      assertThat(put.price()).isZero();
      assertThat(put.delta()).isZero();
      assertThat(call.gamma()).isZero();
      assertThat(call.vega()).isZero();
    }
  }

  @Test
  void tinyPositiveVolConvergesToTheZeroVolLimit() {
    double forward = 100 * Math.exp(RATE - DIVIDEND);
    OptionGreeks call = greeks(PutCall.CALL, 100, 102, 1, 1e-8);

    assertThat(call.price()).isCloseTo(Math.exp(-RATE) * (forward - 102), within(1e-10));
    assertThat(call.delta()).isCloseTo(Math.exp(-DIVIDEND), within(1e-12));
    assertThat(call.gamma()).isCloseTo(0, within(1e-12));
  }

  @Test
  void zeroVarianceAtTheForwardHasHalfStepDelta() {
    double ttm = 0.5;
    double forward = 100 * Math.exp((RATE - DIVIDEND) * ttm);
    double dq = Math.exp(-DIVIDEND * ttm);

    OptionGreeks call = greeks(PutCall.CALL, 100, forward, ttm, 0);
    OptionGreeks put = greeks(PutCall.PUT, 100, forward, ttm, 0);

    assertThat(call.price()).isZero();
    assertThat(call.delta()).isCloseTo(0.5 * dq, within(1e-15));
    assertThat(put.delta()).isCloseTo(-0.5 * dq, within(1e-15));
    assertThat(call.gamma()).isZero();
  }

  @Test
  void deepInAndOutOfTheMoneyStrikesGiveTheirFiniteLimits() {
    double spot = 100;
    double ttm = 1;
    double dq = Math.exp(-DIVIDEND * ttm);
    double discount = Math.exp(-RATE * ttm);
    OptionGreeks deepItmCall = greeks(PutCall.CALL, spot, spot * 1e-6, ttm, 0.3);
    OptionGreeks deepOtmPut = greeks(PutCall.PUT, spot, spot * 1e-6, ttm, 0.3);
    OptionGreeks deepOtmCall = greeks(PutCall.CALL, spot, spot * 1e6, ttm, 0.3);
    OptionGreeks deepItmPut = greeks(PutCall.PUT, spot, spot * 1e6, ttm, 0.3);

    assertThat(deepItmCall.price()).isCloseTo(spot * dq - spot * 1e-6 * discount, within(1e-10));
    assertThat(deepItmCall.delta()).isCloseTo(dq, within(1e-15));
    assertThat(deepOtmPut.price()).isGreaterThanOrEqualTo(0).isCloseTo(0, within(1e-15));
    assertThat(deepOtmCall.price()).isGreaterThanOrEqualTo(0).isCloseTo(0, within(1e-15));
    assertThat(deepOtmCall.delta()).isCloseTo(0, within(1e-15));
    assertThat(deepItmPut.price()).isCloseTo(spot * 1e6 * discount - spot * dq, within(1e-6));
    assertThat(deepItmPut.delta()).isCloseTo(-dq, within(1e-15));
    for (OptionGreeks g : new OptionGreeks[] {deepItmCall, deepOtmPut, deepOtmCall, deepItmPut}) {
      assertThat(g.gamma()).isCloseTo(0, within(1e-15));
      assertThat(g.vega()).isCloseTo(0, within(1e-9));
      assertAllFinite(g);
    }
  }

  @Test
  void spotTendingToZeroLeavesTheCallWorthlessAndThePutWorthTheDiscountedStrike() {
    for (double spot : new double[] {1e-6, 1e-12, 1e-300, 0}) {
      OptionGreeks call = greeks(PutCall.CALL, spot, 100, 1, 0.2);
      OptionGreeks put = greeks(PutCall.PUT, spot, 100, 1, 0.2);

      assertThat(call.price()).isCloseTo(0, within(1e-12));
      assertThat(call.delta()).isCloseTo(0, within(1e-12));
      assertThat(put.price()).isCloseTo(100 * Math.exp(-RATE), within(1e-6));
      assertThat(put.delta()).isCloseTo(-Math.exp(-DIVIDEND), within(1e-12));
      assertAllFinite(call);
      assertAllFinite(put);
    }
  }

  @Test
  void neverNaNAndWithinNoArbitrageBoundsAcrossExtremeInputs() {
    double[] spots = {0, 1e-8, 1, 100, 1e8};
    double[] strikes = {0, 1e-8, 1, 100, 1e8};
    double[] ttms = {-1, 0, 1e-30, 1e-12, 1e-6, 1, 30};
    double[] vols = {-1, 0, 1e-13, 1e-6, 0.2, 5};
    double[] rates = {-0.05, 0, 0.1};
    for (double s : spots) {
      for (double k : strikes) {
        for (double t : ttms) {
          for (double v : vols) {
            for (double r : rates) {
              checkBounds(s, k, t, v, r, 0.03);
            }
          }
        }
      }
    }
  }

  private static void checkBounds(double spot, double strike, double ttm, double vol, double rate, double q) {
    double time = Math.max(ttm, 0);
    double dq = Math.exp(-q * time);
    String where = spot + "," + strike + "," + ttm + "," + vol + "," + rate;
    OptionGreeks call = BlackScholes.greeks(PutCall.CALL, spot, strike, ttm, vol, rate, q);
    OptionGreeks put = BlackScholes.greeks(PutCall.PUT, spot, strike, ttm, vol, rate, q);
    assertAllFinite(call);
    assertAllFinite(put);
    double slack = 1e-12 * (spot + strike);
    assertThat(call.price()).as(where).isBetween(0.0, spot * dq + slack);
    assertThat(put.price()).as(where).isBetween(0.0, strike * Math.exp(-rate * time) + slack);
    assertThat(call.delta()).as(where).isBetween(0.0, dq);
    assertThat(put.delta()).as(where).isBetween(-dq, 0.0);
    assertThat(call.gamma()).as(where).isGreaterThanOrEqualTo(0);
    assertThat(call.vega()).as(where).isGreaterThanOrEqualTo(0);
  }

  private static void assertAllFinite(OptionGreeks g) {
    for (double x : new double[] {g.price(), g.delta(), g.gamma(), g.vega(), g.theta()}) {
      assertThat(x).as("%s", g).isFinite();
    }
  }

  @Test
  void shouldRejectNaNInfiniteOrNegativeInputsLoudly() {
    assertThatThrownBy(() -> BlackScholes.greeks(PutCall.CALL, Double.NaN, 100, 1, 0.2, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spot");
    assertThatThrownBy(() -> BlackScholes.price(PutCall.CALL, 100, -1, 1, 0.2, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strike");
    assertThatThrownBy(() -> BlackScholes.price(PutCall.CALL, 100, 100, 1, Double.POSITIVE_INFINITY, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vol");
    assertThatThrownBy(() -> BlackScholes.greeks(PutCall.PUT, 100, 100, Double.NaN, 0.2, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttmYears");
  }

  @Test
  void tryGreeksReportsInvalidInputAsAFailureInsteadOfThrowing() {
    assertThat(BlackScholes.tryGreeks(PutCall.CALL, 100, 100, 1, Double.NaN, 0, 0).reason()).contains("vol");
    assertThat(BlackScholes.tryGreeks(PutCall.CALL, 100, 100, 1, 0.2, 0, Double.NaN).reason())
        .contains("dividendYield");
    assertThat(BlackScholes.tryGreeks(PutCall.CALL, 42, 40, 0.5, 0.2, 0.1, 0).value().price())
        .isCloseTo(4.7594, within(1e-4));
  }
}

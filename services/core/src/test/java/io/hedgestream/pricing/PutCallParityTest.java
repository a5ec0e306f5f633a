package io.hedgestream.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Put-call parity of prices and of every Greek over a seeded grid. */
class PutCallParityTest {

  @Test
  void callMinusPutEqualsDiscountedForwardMinusStrikeForPriceAndGreeks() {
    for (MarketPoint point : MarketPoint.grid(11, 500)) {
      OptionGreeks call = point.with(PutCall.CALL).greeks();
      OptionGreeks put = point.with(PutCall.PUT).greeks();
      double dq = Math.exp(-point.dividendYield() * point.ttmYears());
      double dr = Math.exp(-point.rate() * point.ttmYears());
      // Each price carries ~1e-16 relative rounding of max(S, K); 1e-12 * (S + K) leaves ample margin.
      double scale = 1e-12 * (point.spot() + point.strike());

      assertThat(call.price() - put.price())
          .as("C - P = S e^{-qT} - K e^{-rT} at %s", point)
          .isCloseTo(point.spot() * dq - point.strike() * dr, within(scale));
      assertThat(call.delta() - put.delta()).as("delta parity at %s", point).isCloseTo(dq, within(1e-14));
      assertThat(call.gamma()).as("gamma parity at %s", point).isCloseTo(put.gamma(), within(1e-14));
      assertThat(call.vega()).as("vega parity at %s", point).isCloseTo(put.vega(), within(scale));
      assertThat(call.theta() - put.theta())
          .as("theta parity at %s", point)
          .isCloseTo(point.dividendYield() * point.spot() * dq - point.rate() * point.strike() * dr,
              within(scale));
    }
  }

  @Test
  void parityHoldsInTheZeroVarianceLimitsToo() {
    double[][] cases = {{100, 90, 1, 0}, {100, 110, 1, 0}, {100, 100, 0, 0.2}, {100, 100, -1, 0.2},
        {0, 100, 1, 0.2}, {100, 0, 1, 0.2}};
    for (double[] c : cases) {
      OptionGreeks call = BlackScholes.greeks(PutCall.CALL, c[0], c[1], c[2], c[3], 0.05, 0.02);
      OptionGreeks put = BlackScholes.greeks(PutCall.PUT, c[0], c[1], c[2], c[3], 0.05, 0.02);
      double ttm = Math.max(c[2], 0);
      double dq = Math.exp(-0.02 * ttm);

      assertThat(call.price() - put.price()).isCloseTo(c[0] * dq - c[1] * Math.exp(-0.05 * ttm), within(1e-12));
      assertThat(call.delta() - put.delta()).isCloseTo(dq, within(1e-15));
    }
  }
}

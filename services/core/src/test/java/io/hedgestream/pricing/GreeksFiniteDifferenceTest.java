package io.hedgestream.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every Greek against a central finite difference of the price (or, for gamma, of delta) over a seeded
 * grid of 1,000 points (see {@link MarketPoint#grid}).
 *
 * <p>Tolerances. A central difference with step h has truncation error h^2/6 |f'''| and rounding error
 * about eps |f| / h. Measured against each Greek's natural scale (delta: e^{-qT}; gamma: the ATM gamma
 * e^{-qT} / (S sigma sqrt T); vega: S sqrt T; theta: S sigma / sqrt T + r K + q S), the relative
 * truncation error is of order (h_rel / (sigma sqrt T))^2 and the rounding error of order
 * eps / h_rel. On this grid sigma sqrt T >= 0.022, so with h_rel = 1e-5 both are below 1e-6 and a
 * tolerance of 1e-6 of the scale is tight enough to catch any missing carry or discount factor (those
 * are O(rT) ~ 1e-2) yet never flaky.
 */
class GreeksFiniteDifferenceTest {

  private static final double RELATIVE_STEP = 1e-5;
  private static final double TOLERANCE = 1e-6;
  private static final List<MarketPoint> GRID = MarketPoint.grid(20240601L, 1000);

  @Test
  void deltaMatchesCentralDifferenceInSpot() {
    for (MarketPoint p : GRID) {
      double h = RELATIVE_STEP * p.spot();
      double finiteDifference = (p.priceAt(h, 0, 0) - p.priceAt(-h, 0, 0)) / (2 * h);
      double scale = Math.exp(-p.dividendYield() * p.ttmYears());

      assertThat(p.greeks().delta()).as("delta at %s", p).isCloseTo(finiteDifference, within(TOLERANCE * scale));
    }
  }

  @Test
  void gammaMatchesCentralDifferenceOfDelta() {
    for (MarketPoint p : GRID) {
      double h = RELATIVE_STEP * p.spot();
      double finiteDifference = (p.deltaAt(h) - p.deltaAt(-h)) / (2 * h);
      double scale = Math.exp(-p.dividendYield() * p.ttmYears()) / (p.spot() * p.vol() * Math.sqrt(p.ttmYears()));

      assertThat(p.greeks().gamma()).as("gamma at %s", p).isCloseTo(finiteDifference, within(TOLERANCE * scale));
    }
  }

  @Test
  void gammaMatchesSecondDifferenceOfPrice() {
    for (MarketPoint p : GRID) {
      // A second difference loses eps |V| / h^2 to rounding, so it needs a larger step (1e-3) and its
      // truncation error (h_rel / (sigma sqrt T))^2 / 12 reaches ~2e-4 of the scale on this grid.
      double h = 1e-3 * p.spot();
      double finiteDifference = (p.priceAt(h, 0, 0) - 2 * p.priceAt(0, 0, 0) + p.priceAt(-h, 0, 0)) / (h * h);
      double scale = Math.exp(-p.dividendYield() * p.ttmYears()) / (p.spot() * p.vol() * Math.sqrt(p.ttmYears()));

      assertThat(p.greeks().gamma()).as("gamma at %s", p).isCloseTo(finiteDifference, within(5e-4 * scale));
    }
  }

  @Test
  void vegaMatchesCentralDifferenceInVol() {
    for (MarketPoint p : GRID) {
      double h = RELATIVE_STEP * p.vol();
      double finiteDifference = (p.priceAt(0, 0, h) - p.priceAt(0, 0, -h)) / (2 * h);
      double scale = p.spot() * Math.sqrt(p.ttmYears());

      assertThat(p.greeks().vega()).as("vega at %s", p).isCloseTo(finiteDifference, within(TOLERANCE * scale));
    }
  }

  @Test
  void thetaMatchesFiniteDifferenceInCalendarTime() {
    for (MarketPoint p : GRID) {
      // Calendar time t runs forward while time to expiry T = expiry - t shrinks: dV/dt = -dV/dT.
      double h = RELATIVE_STEP * p.ttmYears();
      double finiteDifference = -(p.priceAt(0, h, 0) - p.priceAt(0, -h, 0)) / (2 * h);
      double scale = p.spot() * p.vol() / Math.sqrt(p.ttmYears())
          + Math.abs(p.rate()) * p.strike() + p.dividendYield() * p.spot();

      assertThat(p.greeks().theta()).as("theta at %s", p).isCloseTo(finiteDifference, within(TOLERANCE * scale));
    }
  }

  @Test
  void greeksPriceEqualsPriceFunction() {
    for (MarketPoint p : GRID) {
      assertThat(p.greeks().price()).isEqualTo(p.priceAt(0, 0, 0));
    }
  }

  @Test
  void zeroVolThetaIsTheCarryOfTheDiscountedForwardIntrinsic() {
    // With sigma = 0 an in-the-money call is worth S e^{-qT} - K e^{-rT}; its time derivative is the carry.
    double h = 1e-6;
    double theta = BlackScholes.greeks(PutCall.CALL, 100, 80, 1, 0, 0.05, 0.02).theta();
    double finiteDifference = -(BlackScholes.price(PutCall.CALL, 100, 80, 1 + h, 0, 0.05, 0.02)
        - BlackScholes.price(PutCall.CALL, 100, 80, 1 - h, 0, 0.05, 0.02)) / (2 * h);

    assertThat(theta).isCloseTo(finiteDifference, within(1e-6));
    assertThat(theta).isCloseTo(0.02 * 100 * Math.exp(-0.02) - 0.05 * 80 * Math.exp(-0.05), within(1e-12));
  }
}

package io.hedgestream.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SabrSmileTest {

  private static final SabrSmile SMILE = new SabrSmile(0.95, 0.5, 0.2, 0.3);

  @Test
  void volAtIsHaganAtTheForwardOfTheSpot() {
    double ttm = 60 / 365.0;
    double forward = 10 * Math.exp((0.03 - 0.01) * ttm);
    assertThat(SMILE.volAt(10, 11, ttm, 0.03, 0.01))
        .isEqualTo(SabrHagan.impliedVol(forward, 11, ttm, 0.95, 0.5, 0.2, 0.3));
  }

  @Test
  void zeroRatesUseTheSpotAsForward() {
    assertThat(SMILE.volAt(10, 10, 0.1, 0, 0)).isEqualTo(SabrHagan.impliedVol(10, 10, 0.1, 0.95, 0.5, 0.2, 0.3));
  }

  @Test
  void refusedInputsGiveNaNNotAnException() {
    assertThat(SMILE.volAt(10, -1, 0.1, 0, 0)).isNaN();
    assertThat(new SabrSmile(0.3, 1.5, 0.2, 0.3).volAt(10, 10, 0.1, 0, 0)).isNaN();
  }
}

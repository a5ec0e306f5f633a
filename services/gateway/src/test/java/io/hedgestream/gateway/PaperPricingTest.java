package io.hedgestream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.Side;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PaperPricingTest {

  private static final MarketTick QUOTE = TestRecords.tick("ACME", 99.98, 100.02);

  @Test
  void buysLiftTheAskAndSellsHitTheBid() {
    assertThat(PaperPricing.fillPrice(Side.BUY, QUOTE)).isEqualTo(100.02);
    assertThat(PaperPricing.fillPrice(Side.SELL, QUOTE)).isEqualTo(99.98);
  }

  @Test
  void feeIsBasisPointsOfNotional() {
    // 250 shares at 100.02, 1.5 bps: 25,005 · 0.00015 = 3.75075
    assertThat(PaperPricing.fee(100.02, 250, 1.5)).isCloseTo(3.75075, within(1e-12));
    assertThat(PaperPricing.fee(99.98, 250, 0)).isZero();
  }

  @Test
  void splitGivesFullChildrenAndTheRemainderSummingToTheOrder() {
    assertThat(PaperPricing.split(250, 100)).containsExactly(100, 100, 50);
    assertThat(PaperPricing.split(300, 100)).containsExactly(100, 100, 100);
    assertThat(PaperPricing.split(0.3, 0.1)).hasSize(3);
    assertThat(Arrays.stream(PaperPricing.split(1234.5, 7)).sum()).isCloseTo(1234.5, within(1e-9));
  }

  @Test
  void noSplitWhenMaxIsZeroOrAtLeastTheOrder() {
    assertThat(PaperPricing.split(250, 0)).containsExactly(250);
    assertThat(PaperPricing.split(250, 250)).containsExactly(250);
  }

  @Test
  void limitsAreRespectedOnBothSides() {
    assertThat(PaperPricing.withinLimit(Side.BUY, 100.02, null)).isTrue();
    assertThat(PaperPricing.withinLimit(Side.BUY, 100.02, 100.05)).isTrue();
    assertThat(PaperPricing.withinLimit(Side.BUY, 100.02, 100.00)).isFalse();
    assertThat(PaperPricing.withinLimit(Side.SELL, 99.98, 99.90)).isTrue();
    assertThat(PaperPricing.withinLimit(Side.SELL, 99.98, 100.00)).isFalse();
  }
}

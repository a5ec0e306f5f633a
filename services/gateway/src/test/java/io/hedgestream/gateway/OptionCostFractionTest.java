package io.hedgestream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.SabrParams;
import io.hedgestream.avro.Side;
import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.PutCall;
import io.hedgestream.pricing.SabrHagan;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Option fills charged a fraction of the option's value, priced off the tick's SABR smile. */
class OptionCostFractionTest {

  /** alpha 1 at S = 100 with beta 0.5: an ATM vol near 0.1, far from the tick's ATM field (0.2). */
  private static final SabrParams SABR = new SabrParams(1.0, 0.5, 0.2, 0.3);
  private static final double TTM = 30 / 365.0;

  private final TestRecords.RecordingListener listener = new TestRecords.RecordingListener();

  private static MarketTick sabrTick() {
    MarketTick tick = TestRecords.tick("ACME", 100, 100);
    tick.setSabr(SABR);
    return tick;
  }

  private static double sabrCall(double strike) {
    double vol = SabrHagan.impliedVol(100, strike, TTM, 1.0, 0.5, 0.2, 0.3);
    return BlackScholes.price(PutCall.CALL, 100, strike, TTM, vol, 0, 0);
  }

  private static HedgeOrder optionOrder(String id, Side side, double contracts, double strike) {
    HedgeOrder order = TestRecords.optionOrder(id, "ACME");
    order.setSide(side);
    order.setQuantity(contracts);
    order.getOption().setStrike(strike);
    order.getOption().setExpiryMicros(TestRecords.T0.plus(Duration.ofDays(30)));
    return order;
  }

  @Test
  void optionsFillAtTheSabrPriceOfTheirStrikeWithAFeeThatIsTheFractionOfPremiumNotional() {
    PaperExchangeConfig config = new PaperExchangeConfig(3.0, 0, 0, 10).withOptionCostFraction(0.02);
    try (PaperExchange exchange = new PaperExchange(config, listener)) {
      exchange.onMarketData(sabrTick());
      exchange.submit(optionOrder("buy", Side.BUY, 3, 100));
      exchange.submit(optionOrder("sell", Side.SELL, 2, 110));
    }
    Fill bought = listener.fills.get(0);
    Fill sold = listener.fills.get(1);
    assertThat(bought.getPrice()).isCloseTo(sabrCall(100), within(1e-12));
    assertThat(bought.getFee()).isCloseTo(0.02 * sabrCall(100) * 3 * 100, within(1e-9));
    assertThat(sold.getPrice()).isCloseTo(sabrCall(110), within(1e-12));
    assertThat(sold.getFee()).isCloseTo(0.02 * sabrCall(110) * 2 * 100, within(1e-9));
    double atAtmField = BlackScholes.price(PutCall.CALL, 100, 100, TTM, 0.2, 0, 0);
    assertThat(bought.getPrice()).isLessThan(0.6 * atAtmField);
  }

  @Test
  void underlyingFillsStillPayTheBasisPointFee() {
    PaperExchangeConfig config = new PaperExchangeConfig(3.0, 0, 0, 10).withOptionCostFraction(0.02);
    try (PaperExchange exchange = new PaperExchange(config, listener)) {
      exchange.onMarketData(sabrTick());
      exchange.submit(TestRecords.order("u", "ACME", Side.BUY, 50));
    }
    assertThat(listener.fills.get(0).getPrice()).isEqualTo(100);
    assertThat(listener.fills.get(0).getFee()).isCloseTo(100 * 50 * 3e-4, within(1e-12));
  }

  @Test
  void theHalfSpreadModeAlsoQuotesAroundTheSabrVol() {
    try (PaperExchange exchange = new PaperExchange(new PaperExchangeConfig(0, 0, 0, 10, 0.01), listener)) {
      exchange.onMarketData(sabrTick());
      exchange.submit(optionOrder("buy", Side.BUY, 1, 100));
    }
    double vol = SabrHagan.impliedVol(100, 100, TTM, 1.0, 0.5, 0.2, 0.3) + 0.01;
    assertThat(listener.fills.get(0).getPrice())
        .isCloseTo(BlackScholes.price(PutCall.CALL, 100, 100, TTM, vol, 0, 0), within(1e-12));
    assertThat(listener.fills.get(0).getFee()).isZero();
  }

  @Test
  void aZeroFractionFillsFrictionlessAtTheModelPrice() {
    PaperExchangeConfig config = new PaperExchangeConfig(3.0, 0, 0, 10).withOptionCostFraction(0);
    try (PaperExchange exchange = new PaperExchange(config, listener)) {
      exchange.onMarketData(sabrTick());
      exchange.submit(optionOrder("buy", Side.BUY, 1, 100));
    }
    assertThat(listener.fills.get(0).getFee()).isZero();
    assertThat(listener.fills.get(0).getPrice()).isCloseTo(sabrCall(100), within(1e-12));
  }

  @Test
  void gatewayPropertiesSelectTheCostFractionModeAndRejectAFractionOutsideTheUnitInterval() {
    Properties props = new Properties();
    props.setProperty("gateway.paper.option-pricing", "cost-fraction");
    props.setProperty("gateway.paper.option-cost-fraction", "0.01");
    PaperExchangeConfig paper = GatewayConfig.from(props).paper();
    assertThat(paper.optionQuoting()).isEqualTo(OptionQuoting.COST_FRACTION);
    assertThat(paper.optionCostFraction()).isEqualTo(0.01);
    assertThat(GatewayConfig.from(new Properties()).paper().optionQuoting()).isEqualTo(OptionQuoting.HALF_SPREAD_VOL);

    props.setProperty("gateway.paper.option-cost-fraction", "1.5");
    props.setProperty("gateway.paper.option-pricing", "spread");
    assertThatThrownBy(() -> GatewayConfig.from(props)).hasMessageContaining("gateway.paper.option-cost-fraction=1.5")
        .hasMessageContaining("gateway.paper.option-pricing=spread");
  }
}

package io.hedgestream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.Side;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@code gateway.paper.fill-at=order-time}: an order fills at the quote of its own tick, never a later one. */
class OrderTimeFillTest {

  private static final Instant DAY1 = TestRecords.T0;
  private static final Instant DAY2 = TestRecords.T0.plusSeconds(86_400);

  private final TestRecords.RecordingListener listener = new TestRecords.RecordingListener();

  private static HedgeOrder orderAt(String id, Side side, double quantity, Instant time) {
    HedgeOrder order = TestRecords.order(id, "SPY", side, quantity);
    order.setEventTimeMicros(time);
    return order;
  }

  @Test
  void fillsAtTheQuoteOfTheOrdersTickEvenAfterALaterTick() {
    try (PaperExchange exchange = new PaperExchange(PaperExchangeConfig.orderTime(5.0), listener)) {
      exchange.onMarketData(TestRecords.tick("SPY", 100, 100, DAY1));
      exchange.onMarketData(TestRecords.tick("SPY", 110, 110, DAY2));
      assertThat(exchange.submit(orderAt("o1", Side.BUY, 30, DAY1))).isEmpty();
    }
    Fill fill = listener.fills.get(0);
    assertThat(fill.getPrice()).isEqualTo(100.0);
    assertThat(fill.getFee()).isCloseTo(5e-4 * 30 * 100, within(1e-12));
    assertThat(fill.getEventTimeMicros()).isEqualTo(DAY1);
  }

  @Test
  void holdsAnOrderUntilItsTickIsSeenThenFillsItWhole() {
    try (PaperExchange exchange = new PaperExchange(PaperExchangeConfig.orderTime(0), listener)) {
      exchange.onMarketData(TestRecords.tick("SPY", 100, 100, DAY1));
      assertThat(exchange.submit(orderAt("o2", Side.SELL, 250, DAY2))).isEmpty();
      assertThat(listener.fills).isEmpty();
      assertThat(exchange.openOrders()).isEqualTo(1);

      exchange.onMarketData(TestRecords.tick("SPY", 95, 95, DAY2));

      assertThat(exchange.openOrders()).isZero();
    }
    assertThat(listener.fills).singleElement().satisfies(fill -> {
      assertThat(fill.getPrice()).isEqualTo(95.0);
      assertThat(fill.getQuantity()).isEqualTo(250.0);
      assertThat(fill.getLeavesQuantity()).isZero();
    });
  }

  @Test
  void rejectsAnOrderOlderThanEveryQuoteKept() {
    PaperExchangeConfig oneQuote = new PaperExchangeConfig(0, 0, 0, 10, 0.005, FillTime.ORDER_TIME, 1);
    try (PaperExchange exchange = new PaperExchange(oneQuote, listener)) {
      exchange.onMarketData(TestRecords.tick("SPY", 100, 100, DAY1));
      exchange.onMarketData(TestRecords.tick("SPY", 101, 101, DAY2));
      exchange.submit(orderAt("o3", Side.BUY, 1, DAY1.minusSeconds(1)));
    }
    assertThat(listener.fills).isEmpty();
    assertThat(listener.rejections).singleElement()
        .satisfies(rejection -> assertThat(rejection.code()).isEqualTo(Rejection.NO_MARKET));
  }

  @Test
  void latestModeStillFillsAtTheLatestTick() {
    try (PaperExchange exchange = new PaperExchange(new PaperExchangeConfig(0, 0, 0, 10), listener)) {
      exchange.onMarketData(TestRecords.tick("SPY", 100, 100, DAY1));
      exchange.onMarketData(TestRecords.tick("SPY", 110, 110, DAY2));
      exchange.submit(orderAt("o4", Side.BUY, 1, DAY1));
    }
    assertThat(listener.fills.get(0).getPrice()).isEqualTo(110.0);
  }

  @Test
  void orderTimeRefusesLatencyAndPartialFills() {
    assertThatThrownBy(() -> new PaperExchangeConfig(0, 10, 0, 10, 0.005, FillTime.ORDER_TIME, 16))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latency");
    assertThatThrownBy(() -> new PaperExchangeConfig(0, 0, 5, 10, 0.005, FillTime.ORDER_TIME, 16))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-fill-quantity");
  }

  @Test
  void gatewayConfigReadsFillAtAndQuoteHistory() {
    Properties props = new Properties();
    props.setProperty("gateway.paper.fill-at", "order-time");
    props.setProperty("gateway.paper.quote-history", "64");
    PaperExchangeConfig paper = GatewayConfig.from(props).paper();
    assertThat(paper.fillAt()).isEqualTo(FillTime.ORDER_TIME);
    assertThat(paper.quoteHistory()).isEqualTo(64);
    assertThat(GatewayConfig.from(new Properties()).paper().fillAt()).isEqualTo(FillTime.LATEST);
  }
}

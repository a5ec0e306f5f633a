package io.hedgestream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.Side;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PaperExchangeTest {

  private final TestRecords.RecordingListener listener = new TestRecords.RecordingListener();

  @Test
  void fillsABuyAtTheAskWithFeeOnNotional() {
    try (PaperExchange exchange = new PaperExchange(new PaperExchangeConfig(2.0, 0, 0, 10), listener)) {
      exchange.onMarketData(TestRecords.tick("ACME", 49.99, 50.01));
      assertThat(exchange.submit(TestRecords.order("o1", "ACME", Side.BUY, 300))).isEmpty();
    }
    assertThat(listener.fills).hasSize(1);
    Fill fill = listener.fills.get(0);
    assertThat(fill.getFillId()).isEqualTo("o1-1");
    assertThat(fill.getOrderId()).isEqualTo("o1");
    assertThat(fill.getBook()).isEqualTo("ACME-book-1");
    assertThat(fill.getSide()).isEqualTo(Side.BUY);
    assertThat(fill.getQuantity()).isEqualTo(300);
    assertThat(fill.getPrice()).isEqualTo(50.01);
    assertThat(fill.getFee()).isCloseTo(50.01 * 300 * 2e-4, within(1e-12));
    assertThat(fill.getLeavesQuantity()).isZero();
    assertThat(fill.getVenue()).isEqualTo("paper");
    assertThat(fill.getEventTimeMicros()).isEqualTo(TestRecords.T0.plusSeconds(1));
  }

  @Test
  void fillsASellAtTheBidOfTheLatestTick() {
    try (PaperExchange exchange = new PaperExchange(new PaperExchangeConfig(0, 0, 0, 10), listener)) {
      exchange.onMarketData(TestRecords.tick("ACME", 49.99, 50.01));
      exchange.onMarketData(TestRecords.tick("ACME", 51.00, 51.04));
      exchange.submit(TestRecords.order("o2", "ACME", Side.SELL, 10));
    }
    assertThat(listener.fills.get(0).getPrice()).isEqualTo(51.00);
    assertThat(listener.fills.get(0).getFee()).isZero();
  }

  @Test
  void partialFillsSumToTheOrderWithDecreasingLeaves() {
    try (PaperExchange exchange = new PaperExchange(new PaperExchangeConfig(1.0, 0, 100, 10), listener)) {
      exchange.onMarketData(TestRecords.tick("ACME", 99, 101));
      exchange.submit(TestRecords.order("o3", "ACME", Side.BUY, 250));
    }
    assertThat(listener.fills).extracting(Fill::getQuantity).containsExactly(100.0, 100.0, 50.0);
    assertThat(listener.fills).extracting(Fill::getLeavesQuantity).containsExactly(150.0, 50.0, 0.0);
    assertThat(listener.fills).extracting(Fill::getFillId).containsExactly("o3-1", "o3-2", "o3-3");
    assertThat(listener.fills.stream().mapToDouble(Fill::getFee).sum()).isCloseTo(101 * 250 * 1e-4, within(1e-9));
  }

  @Test
  void anOrderWithoutMarketWaitsForTheFirstTick() {
    try (PaperExchange exchange = new PaperExchange(new PaperExchangeConfig(0, 0, 0, 10), listener)) {
      assertThat(exchange.submit(TestRecords.order("o4", "NEW", Side.BUY, 5))).isEmpty();
      assertThat(listener.fills).isEmpty();
      assertThat(exchange.openOrders()).isEqualTo(1);
      exchange.onMarketData(TestRecords.tick("NEW", 9.9, 10.1, TestRecords.T0.plusSeconds(5)));
      assertThat(exchange.openOrders()).isZero();
    }
    assertThat(listener.fills).singleElement().satisfies(fill -> {
      assertThat(fill.getPrice()).isEqualTo(10.1);
      assertThat(fill.getEventTimeMicros()).isEqualTo(TestRecords.T0.plusSeconds(5));
    });
  }

  @Test
  void shouldRejectWithNoMarketWhenTheWaitingQueueIsFull() {
    try (PaperExchange exchange = new PaperExchange(new PaperExchangeConfig(0, 0, 0, 2), listener)) {
      assertThat(exchange.submit(TestRecords.order("a", "X", Side.BUY, 1))).isEmpty();
      assertThat(exchange.submit(TestRecords.order("b", "Y", Side.BUY, 1))).isEmpty();
      assertThat(exchange.submit(TestRecords.order("c", "X", Side.BUY, 1)))
          .get().extracting(Rejection::code).isEqualTo(Rejection.NO_MARKET);
      exchange.onMarketData(TestRecords.tick("X", 1, 1.1));
      assertThat(exchange.submit(TestRecords.order("d", "Z", Side.BUY, 1))).isEmpty();
    }
  }

  private static double callPrice(double vol, java.time.Instant expiry) {
    double ttm = Duration.between(TestRecords.T0, expiry).toNanos() / 1e3 / (365.0 * 86_400 * 1e6);
    return io.hedgestream.pricing.BlackScholes.price(io.hedgestream.pricing.PutCall.CALL, 100, 100, ttm, vol, 0, 0);
  }

  @Test
  void fillsOptionOrdersAtTheBlackScholesPriceAtAtmVolPlusOrMinusTheHalfSpreadWithFeeOnPremiumNotional() {
    HedgeOrder buy = TestRecords.optionOrder("buy", "ACME");
    buy.setQuantity(3);
    HedgeOrder sell = TestRecords.optionOrder("sell", "ACME");
    sell.setSide(Side.SELL);
    try (PaperExchange exchange = new PaperExchange(new PaperExchangeConfig(2.0, 0, 0, 2, 0.01), listener)) {
      exchange.onMarketData(TestRecords.tick("ACME", 99, 101));
      assertThat(exchange.submit(buy)).isEmpty();
      assertThat(exchange.submit(sell)).isEmpty();
    }
    java.time.Instant expiry = buy.getOption().getExpiryMicros();
    Fill bought = listener.fills.get(0);
    assertThat(bought.getInstrument()).isEqualTo("ACME-20260304-C-100");
    assertThat(bought.getQuantity()).isEqualTo(3);
    assertThat(bought.getPrice()).isCloseTo(callPrice(0.21, expiry), within(1e-12));
    assertThat(bought.getFee()).isCloseTo(bought.getPrice() * 3 * 100 * 2e-4, within(1e-12));
    Fill sold = listener.fills.get(1);
    assertThat(sold.getPrice()).isCloseTo(callPrice(0.19, expiry), within(1e-12));
    assertThat(sold.getPrice()).isLessThan(callPrice(0.2, expiry)).isLessThan(bought.getPrice());
  }

  @Test
  void optionOrdersAreSplitIntoPartialFillsOfContracts() {
    HedgeOrder buy = TestRecords.optionOrder("buy", "ACME");
    buy.setQuantity(25);
    try (PaperExchange exchange = new PaperExchange(new PaperExchangeConfig(0, 0, 10, 2), listener)) {
      exchange.onMarketData(TestRecords.tick("ACME", 99, 101));
      exchange.submit(buy);
    }
    assertThat(listener.fills).extracting(Fill::getQuantity).containsExactly(10.0, 10.0, 5.0);
    assertThat(listener.fills).extracting(Fill::getLeavesQuantity).containsExactly(15.0, 5.0, 0.0);
  }

  @Test
  void shouldRejectOptionOrdersWithANonPositiveStrikeOrAnExpiryNotAfterTheOrder() {
    HedgeOrder zeroStrike = TestRecords.optionOrder("k0", "ACME");
    zeroStrike.getOption().setStrike(0);
    HedgeOrder expired = TestRecords.optionOrder("exp", "ACME");
    expired.getOption().setExpiryMicros(expired.getEventTimeMicros());
    try (PaperExchange exchange = new PaperExchange(new PaperExchangeConfig(0, 0, 0, 2), listener)) {
      exchange.onMarketData(TestRecords.tick("ACME", 99, 101));
      assertThat(exchange.submit(zeroStrike)).get().satisfies(rejection -> {
        assertThat(rejection.code()).isEqualTo(Rejection.INVALID_OPTION);
        assertThat(rejection.reason()).contains("strike 0.0, must be > 0");
      });
      assertThat(exchange.submit(expired)).get().satisfies(rejection -> {
        assertThat(rejection.code()).isEqualTo(Rejection.INVALID_OPTION);
        assertThat(rejection.reason()).contains("expired at");
      });
    }
    assertThat(listener.fills).isEmpty();
  }

  @Test
  void anOptionThatExpiresBeforeItsDelayedExecutionIsRejectedThen() {
    HedgeOrder order = TestRecords.optionOrder("late", "ACME");
    order.getOption().setExpiryMicros(TestRecords.T0.plusSeconds(5));
    ManualScheduler clock = new ManualScheduler();
    try (PaperExchange exchange = new PaperExchange(new PaperExchangeConfig(0, 500, 0, 2), listener, clock)) {
      exchange.onMarketData(TestRecords.tick("ACME", 99, 101));
      assertThat(exchange.submit(order)).isEmpty();
      exchange.onMarketData(TestRecords.tick("ACME", 99, 101, TestRecords.T0.plusSeconds(6)));
      clock.advance(Duration.ofMillis(500));
    }
    assertThat(listener.fills).isEmpty();
    assertThat(listener.rejections).singleElement().extracting(Rejection::code).isEqualTo(Rejection.INVALID_OPTION);
  }

  @Test
  void latencyHoldsTheFillUntilTheDelayElapsesAndUsesTheMarketAtExecution() {
    ManualScheduler clock = new ManualScheduler();
    try (PaperExchange exchange = new PaperExchange(new PaperExchangeConfig(0, 500, 0, 10), listener, clock)) {
      exchange.onMarketData(TestRecords.tick("ACME", 99, 101));
      assertThat(exchange.submit(TestRecords.order("o5", "ACME", Side.BUY, 1))).isEmpty();
      exchange.onMarketData(TestRecords.tick("ACME", 104, 106));

      clock.advance(Duration.ofMillis(499));
      assertThat(listener.fills).isEmpty();
      assertThat(exchange.openOrders()).isEqualTo(1);

      clock.advance(Duration.ofMillis(1));
      assertThat(listener.fills).singleElement().extracting(Fill::getPrice).isEqualTo(106.0);
      assertThat(exchange.openOrders()).isZero();
    }
  }

  @Test
  void latencyStartsWhenAWaitingOrderGetsItsFirstTick() {
    ManualScheduler clock = new ManualScheduler();
    try (PaperExchange exchange = new PaperExchange(new PaperExchangeConfig(0, 200, 0, 10), listener, clock)) {
      exchange.submit(TestRecords.order("o7", "NEW", Side.SELL, 3));
      clock.advance(Duration.ofSeconds(1));
      assertThat(clock.pendingTasks()).isZero();

      exchange.onMarketData(TestRecords.tick("NEW", 9.9, 10.1));
      clock.advance(Duration.ofMillis(199));
      assertThat(listener.fills).isEmpty();
      clock.advance(Duration.ofMillis(1));
      assertThat(listener.fills).singleElement().extracting(Fill::getPrice).isEqualTo(9.9);
    }
  }

  @Test
  void closeDeliversExecutionsStillScheduled() {
    ManualScheduler clock = new ManualScheduler();
    try (PaperExchange exchange = new PaperExchange(new PaperExchangeConfig(0, 500, 0, 10), listener, clock)) {
      exchange.onMarketData(TestRecords.tick("ACME", 99, 101));
      exchange.submit(TestRecords.order("o8", "ACME", Side.BUY, 1));
      assertThat(listener.fills).isEmpty();
    }
    assertThat(clock.stopped()).isTrue();
    assertThat(listener.fills).singleElement().extracting(Fill::getOrderId).isEqualTo("o8");
  }

  @Test
  void aLimitWorseThanTheTouchIsRejectedWhenItReachesTheMarket() {
    try (PaperExchange exchange = new PaperExchange(new PaperExchangeConfig(0, 0, 0, 10), listener)) {
      exchange.onMarketData(TestRecords.tick("ACME", 99, 101));
      HedgeOrder limited = TestRecords.order("o6", "ACME", Side.BUY, 1);
      limited.setLimitPrice(100.5);
      assertThat(exchange.submit(limited)).isEmpty();
    }
    assertThat(listener.fills).isEmpty();
    assertThat(listener.rejections).extracting(Rejection::code).containsExactly(Rejection.LIMIT_NOT_MARKETABLE);
  }
}

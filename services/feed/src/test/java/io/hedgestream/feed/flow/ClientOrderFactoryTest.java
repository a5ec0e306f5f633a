package io.hedgestream.feed.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OptionType;
import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.PutCall;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClientOrderFactoryTest {

  private static final OrderFlowConfig FLOW = new OrderFlowConfig(100, 30, 0.5, 1, 10, 100, 4,
      "{symbol}-book-{n}", 3);
  private static final Instant ARRIVAL = Instant.parse("2026-03-02T15:00:00.123456Z");
  private static final MarketTick TICK = MarketTick.newBuilder()
      .setSymbol("ACME").setEventTimeMicros(ARRIVAL.minusSeconds(10))
      .setBid(101.17).setAsk(101.23).setLast(101.20).setVolume(0)
      .setAtmImpliedVol(0.27).setRate(0.04).setDividendYield(0.01).setSabr(null).setSource("test").build();

  private final ClientOrderFactory factory = new ClientOrderFactory(FLOW, "run7");

  @Test
  void premiumIsTheBlackScholesPriceAtTheTickVolAndTenor() {
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 200; i++) {
      ClientOrder order = factory.create(TICK, i, ARRIVAL, random);
      PutCall putCall = order.getOption().getOptionType() == OptionType.CALL ? PutCall.CALL : PutCall.PUT;
      double expected = BlackScholes.price(putCall, 101.20, 101.0, 30 / 365.0, 0.27, 0.04, 0.01);
      assertThat(order.getPremium()).isCloseTo(expected, within(1e-12));
    }
  }

  @Test
  void optionIsAtTheMoneyWithTheConfiguredTenorAndMultiplier() {
    ClientOrder order = factory.create(TICK, 1, ARRIVAL, new SplittableRandom(2));
    assertThat(order.getOption().getStrike()).isEqualTo(101.0);
    assertThat(order.getOption().getExpiryMicros()).isEqualTo(ARRIVAL.plus(Duration.ofDays(30)));
    assertThat(order.getOption().getMultiplier()).isEqualTo(100.0);
    assertThat(order.getEventTimeMicros()).isEqualTo(ARRIVAL);
    assertThat(order.getSymbol()).isEqualTo("ACME");
    assertThat(order.getOrderId()).isEqualTo("run7-ACME-1");
  }

  @Test
  void strikeRoundsToTheNearestTickButNeverBelowOneTick() {
    assertThat(factory.atmStrike(101.26)).isEqualTo(101.5);
    assertThat(factory.atmStrike(101.24)).isEqualTo(101.0);
    assertThat(factory.atmStrike(0.1)).isEqualTo(0.5);
  }

  @Test
  void sizesSidesTypesAndBooksCoverTheirRangesEvenly() {
    SplittableRandom random = new SplittableRandom(3);
    int n = 20_000;
    int calls = 0;
    int buys = 0;
    Set<Double> sizes = new HashSet<>();
    Set<String> books = new HashSet<>();
    Set<String> clients = new HashSet<>();
    for (int i = 0; i < n; i++) {
      ClientOrder order = factory.create(TICK, i, ARRIVAL, random);
      calls += order.getOption().getOptionType() == OptionType.CALL ? 1 : 0;
      buys += order.getQuantity() > 0 ? 1 : 0;
      sizes.add(Math.abs(order.getQuantity()));
      books.add(order.getBook());
      clients.add(order.getClient());
    }
    // Binomial(n, 1/2): standard error sqrt(n)/2; 4 standard errors.
    assertThat((double) calls).isCloseTo(n / 2.0, within(4 * Math.sqrt(n) / 2));
    assertThat((double) buys).isCloseTo(n / 2.0, within(4 * Math.sqrt(n) / 2));
    assertThat(sizes).containsExactlyInAnyOrder(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
    assertThat(books).containsExactlyInAnyOrder("ACME-book-1", "ACME-book-2", "ACME-book-3", "ACME-book-4");
    assertThat(clients).containsExactlyInAnyOrder("client-1", "client-2", "client-3");
  }

  @Test
  void shouldRejectABookTemplateWithoutNumberWhenThereAreSeveralBooks() {
    assertThatThrownBy(() -> new OrderFlowConfig(1, 30, 1, 1, 10, 100, 2, "{symbol}-book", 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{n}");
  }
}

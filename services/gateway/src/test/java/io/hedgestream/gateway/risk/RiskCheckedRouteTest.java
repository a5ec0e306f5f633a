package io.hedgestream.gateway.risk;

import static io.hedgestream.gateway.risk.PreTradeRiskTest.order;
import static io.hedgestream.gateway.risk.PreTradeRiskTest.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.Side;
import io.hedgestream.gateway.ExecutionListener;
import io.hedgestream.gateway.PaperExchange;
import io.hedgestream.gateway.PaperExchangeConfig;
import io.hedgestream.gateway.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The risk checks in front of a real paper exchange: nothing that breaks a limit reaches it. */
class RiskCheckedRouteTest {

  private static final Instant T0 = Instant.parse("2026-03-02T14:30:00Z");

  private final List<String> filled = new ArrayList<>();
  private final List<String> rejected = new ArrayList<>();
  private final ExecutionListener listener = new ExecutionListener() {
    @Override
    public void onFills(HedgeOrder order, List<Fill> fills) {
      filled.add(order.getOrderId());
    }

    @Override
    public void onReject(HedgeOrder order, Rejection rejection) {
      rejected.add(order.getOrderId() + " " + rejection.code());
    }
  };

  private RiskCheckedRoute route(PreTradeLimits limits) {
    return new RiskCheckedRoute(new PreTradeRisk(limits), listener,
        new PaperExchange(new PaperExchangeConfig(1.0, 0, 0, 10), listener));
  }

  @Test
  void anOrderBreakingALimitNeverReachesTheVenue() {
    RiskCheckedRoute route = route(new PreTradeLimits(Set.of(), 100, 10, Duration.ofMinutes(5), 1e6, 0.05,
        Duration.ZERO, 100, 0, 10));
    route.onMarketData(tick("ACME", 99, 101, T0));
    assertThat(route.submit(order("ACME", "b1", Side.BUY, 101, null, T0)).map(Rejection::code))
        .contains(RiskCode.ORDER_QUANTITY);
    assertThat(route.submit(order("ACME", "b1", Side.BUY, 50, null, T0))).isEmpty();
    assertThat(filled).hasSize(1);
    assertThat(route.openOrders()).isZero();
  }

  @Test
  void anOrderTheVenueHasAlreadyIsNotCheckedAgain() {
    TradingStates states = new TradingStates();
    states.set("ACME", io.hedgestream.avro.TradingState.HALTED);
    HedgeOrder alreadySent = order("ACME", "b1", Side.BUY, 5_000, null, T0);
    PaperExchange venue = new PaperExchange(new PaperExchangeConfig(1.0, 0, 0, 10), listener);
    RiskCheckedRoute route = new RiskCheckedRoute(new PreTradeRisk(new PreTradeLimits(Set.of(), 100, 10,
        Duration.ofMinutes(5), 1e6, 0.05, Duration.ZERO, 100, 0, 10), states, System::nanoTime), listener,
        new io.hedgestream.gateway.OrderRoute() {
          @Override
          public String venue() {
            return venue.venue();
          }

          @Override
          public java.util.Optional<Rejection> submit(HedgeOrder order) {
            return venue.submit(order);
          }

          @Override
          public void onMarketData(io.hedgestream.avro.MarketTick tick, Runnable release) {
            venue.onMarketData(tick, release);
          }

          @Override
          public boolean sentBefore(HedgeOrder order) {
            return order == alreadySent;
          }

          @Override
          public int openOrders() {
            return venue.openOrders();
          }

          @Override
          public void close() {
            venue.close();
          }
        });
    route.onMarketData(tick("ACME", 99, 101, T0));
    assertThat(route.submit(order("ACME", "b1", Side.BUY, 5, null, T0)).map(Rejection::code))
        .contains(RiskCode.HALTED);
    assertThat(route.submit(alreadySent)).as("re-read after a restart: it left before, the venue is asked").isEmpty();
    assertThat(filled).containsExactly(alreadySent.getOrderId());
  }

  @Test
  void anOrderAheadOfItsFirstQuoteWaitsThenIsCheckedAgainstIt() {
    RiskCheckedRoute route = route(new PreTradeLimits(Set.of(), 1_000, 10, Duration.ofMinutes(5), 1e6, 0.05,
        Duration.ZERO, 100, 0, 2));
    HedgeOrder fine = order("ACME", "b1", Side.BUY, 10, null, T0);
    HedgeOrder collared = order("ACME", "b1", Side.BUY, 11, 120.0, T0);
    assertThat(route.submit(fine)).isEmpty();
    assertThat(route.submit(collared)).isEmpty();
    assertThat(route.submit(order("ACME", "b1", Side.BUY, 12, null, T0)).map(Rejection::code))
        .as("max-waiting-orders=2").contains(RiskCode.NO_REFERENCE);
    assertThat(route.openOrders()).isEqualTo(2);
    assertThat(route.stuckOrders(Duration.ZERO)).contains(fine.getOrderId()).contains("first quote of ACME");

    route.onMarketData(tick("ACME", 99, 101, T0));
    assertThat(filled).containsExactly(fine.getOrderId());
    assertThat(rejected).containsExactly(collared.getOrderId() + " " + RiskCode.PRICE_COLLAR);
    assertThat(route.openOrders()).isZero();
  }

  @Test
  void ordersWaitingHereOrAtTheVenueAreTakenBack() {
    RiskCheckedRoute route = new RiskCheckedRoute(new PreTradeRisk(PreTradeLimits.defaults()), listener,
        new PaperExchange(PaperExchangeConfig.orderTime(0), listener));
    HedgeOrder early = order("ACME", "b1", Side.BUY, 10, null, T0);
    assertThat(route.submit(early)).isEmpty();
    route.onMarketData(tick("OTHER", 99, 101, T0));
    HedgeOrder ahead = order("OTHER", "b1", Side.BUY, 10, null, T0.plusSeconds(60));
    assertThat(route.submit(ahead)).as("waits at the venue for the tick of its time").isEmpty();
    assertThat(route.openOrders()).isEqualTo(2);
    assertThat(route.takeBackWaiting((order, waited) -> waited.compareTo(Duration.ofHours(1)) > 0)).isEmpty();
    assertThat(route.takeBackWaiting((order, waited) -> order.getSymbol().equals("OTHER")))
        .as("at the venue").containsExactly(ahead);
    assertThat(route.takeBackWaiting((order, waited) -> true)).as("here").containsExactly(early);
    assertThat(route.openOrders()).isZero();
    route.onMarketData(tick("ACME", 99, 101, T0));
    route.onMarketData(tick("OTHER", 99, 101, T0.plusSeconds(60)));
    assertThat(filled).isEmpty();
    assertThat(rejected).isEmpty();
  }
}

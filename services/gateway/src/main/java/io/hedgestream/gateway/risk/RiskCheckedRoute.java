package io.hedgestream.gateway.risk;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.gateway.ExecutionListener;
import io.hedgestream.gateway.OrderRoute;
import io.hedgestream.gateway.Rejection;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A route that puts every order through the pre-trade checks ({@link PreTradeRisk}) before its inner route
 * sees it: an order that breaks a limit never reaches the venue. An order of a symbol with no quote yet
 * waits here for the first one (the gateway may read an order before the tick it was decided at), is then
 * checked and sent, or reported through the listener as rejected. Quotes go to the checks first, then to
 * the inner route. Called from one thread, as every route.
 */
public final class RiskCheckedRoute implements OrderRoute {

  /** An order waiting for its symbol's first quote, and since when (monotonic clock). */
  private record Waiting(HedgeOrder order, long sinceNanos) {}

  private final PreTradeRisk risk;
  private final ExecutionListener listener;
  private final OrderRoute inner;
  private final Map<String, Deque<Waiting>> waiting = new HashMap<>();
  private int waitingCount;

  /**
   * Checks orders with {@code risk} before {@code inner} gets them.
   *
   * @param risk the checks
   * @param listener where late rejections go (the inner route's listener)
   * @param inner the route that executes orders that pass
   */
  public RiskCheckedRoute(PreTradeRisk risk, ExecutionListener listener, OrderRoute inner) {
    this.risk = risk;
    this.listener = listener;
    this.inner = inner;
  }

  @Override
  public String venue() {
    return inner.venue();
  }

  /**
   * Checks the order and sends it, or holds it for its symbol's first quote; an order the inner route sent
   * before (re-read after a restart) goes straight to it, unchecked: it left already.
   */
  @Override
  public Optional<Rejection> submit(HedgeOrder order) {
    if (inner.sentBefore(order)) {
      return inner.submit(order);
    }
    if (!risk.hasReference(order.getSymbol())) {
      if (waitingCount >= risk.limits().maxWaitingOrders()) {
        return Optional.of(new Rejection(RiskCode.NO_REFERENCE, "no quote of " + order.getSymbol() + " yet and "
            + waitingCount + " orders wait for one (" + PreTradeLimits.PREFIX + "max-waiting-orders)"));
      }
      waiting.computeIfAbsent(order.getSymbol(), symbol -> new ArrayDeque<>())
          .addLast(new Waiting(order, System.nanoTime()));
      waitingCount++;
      return Optional.empty();
    }
    return checkAndSend(order);
  }

  @Override
  public void onMarketData(MarketTick tick, Runnable release) {
    risk.onQuote(tick);
    inner.onMarketData(tick, release);
    Deque<Waiting> ready = waiting.remove(tick.getSymbol());
    if (ready == null) {
      return;
    }
    waitingCount -= ready.size();
    for (Waiting order : ready) {
      checkAndSend(order.order()).ifPresent(rejection -> listener.onReject(order.order(), rejection));
    }
  }

  private Optional<Rejection> checkAndSend(HedgeOrder order) {
    Optional<Rejection> refused = risk.check(order);
    if (refused.isPresent()) {
      return refused;
    }
    refused = inner.submit(order);
    if (refused.isEmpty()) {
      risk.accepted(order);
    }
    return refused;
  }

  @Override
  public String stuckOrders(Duration age) {
    long now = System.nanoTime();
    String here = waiting.values().stream().flatMap(Deque::stream)
        .filter(order -> now - order.sinceNanos() > age.toNanos())
        .map(order -> order.order().getOrderId() + " waits for a first quote of " + order.order().getSymbol())
        .collect(Collectors.joining("; "));
    String there = inner.stuckOrders(age);
    return here.isEmpty() ? there : there.isEmpty() ? here : here + "; " + there;
  }

  @Override
  public List<HedgeOrder> takeBackWaiting(WaitingFilter which) {
    long now = System.nanoTime();
    List<HedgeOrder> taken = new ArrayList<>();
    waiting.values().forEach(queue -> queue.removeIf(order ->
        which.test(order.order(), Duration.ofNanos(now - order.sinceNanos())) && taken.add(order.order())));
    waiting.values().removeIf(Deque::isEmpty);
    waitingCount -= taken.size();
    taken.addAll(inner.takeBackWaiting(which));
    return taken;
  }

  @Override
  public void publishedBefore(HedgeOrder order, double quantity, double notional) {
    inner.publishedBefore(order, quantity, notional);
  }

  @Override
  public boolean sentBefore(HedgeOrder order) {
    return inner.sentBefore(order);
  }

  @Override
  public boolean acknowledgesOrders() {
    return inner.acknowledgesOrders();
  }

  @Override
  public int cancelWorking(String symbol) {
    return inner.cancelWorking(symbol);
  }

  @Override
  public String sessionStatus() {
    return inner.sessionStatus();
  }

  @Override
  public java.util.Optional<SessionState> session() {
    return inner.session();
  }

  @Override
  public int openOrders() {
    return waitingCount + inner.openOrders();
  }

  /** Closes the inner route; orders still waiting for a quote stay unsent (their records are re-read). */
  @Override
  public void close() {
    inner.close();
  }
}

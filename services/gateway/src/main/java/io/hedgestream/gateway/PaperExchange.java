package io.hedgestream.gateway;

import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.InstrumentType;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.basics.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated exchange that fills underlying and listed-option orders against the latest tick it has seen
 * for the symbol or, with {@link FillTime#ORDER_TIME}, against the tick of the order's own event time.
 *
 * <ul>
 *   <li>Price: buys at the ask (mid + half spread), sells at the bid (mid − half spread) of the tick current
 *       when the order executes; a limit order whose limit is worse than that is rejected (IOC).
 *   <li>Fee: {@code feeBps} of each fill's notional.
 *   <li>Latency: with {@code latencyMillis} &gt; 0 execution is scheduled on the exchange's own timer
 *       thread ({@link ExecutionScheduler}) and uses the market at that later time; the submitting thread
 *       never waits.
 *   <li>Partial fills: an order above {@code maxFillQuantity} executes as several fills at the same price;
 *       each carries the quantity still open ({@code leavesQuantity}), the last one 0.
 *   <li>No market yet: the order waits (FIFO per symbol) for the symbol's first tick. At most
 *       {@code maxWaitingOrders} wait over all symbols; beyond that {@link #submit} rejects with
 *       {@link Rejection#NO_MARKET} and the gateway dead-letters the order.
 *   <li>Options ({@link PaperOptionPricing}): a European option order is priced from the tick current when
 *       it executes, Black-Scholes at the tick's mid and smile vol (SABR at the option's strike and expiry
 *       when the tick has SABR parameters, else the ATM vol); with {@link OptionQuoting#HALF_SPREAD_VOL} buys
 *       at vol + {@code optionHalfSpreadVol}, sells at vol − it, fee {@code feeBps} of price x contracts x
 *       multiplier; with {@link OptionQuoting#COST_FRACTION} at the model price with a fee of
 *       {@code optionCostFraction} of that notional. Quantities are contracts, prices per underlying unit. Terms with a non-positive strike or multiplier, or an expiry not
 *       after the order's time (on submit) or the quote's time (on execution), are rejected with
 *       {@link Rejection#INVALID_OPTION}; a tick that cannot price the option with {@link Rejection#INVALID_PRICE}.
 *   <li>Order time ({@code fillAt} {@link FillTime#ORDER_TIME}, for replay): the quote is the one in force at
 *       the order's event time (the latest kept quote at or before it: the engine's decision tick). An order
 *       whose time is after every quote seen waits for a tick at or after its time; one older than every
 *       quote kept ({@code quoteHistory} per symbol) is rejected with {@link Rejection#NO_MARKET}. No latency,
 *       no partial fills: the whole order fills at once.
 * </ul>
 *
 * <p>Fill ids are {@code <orderId>-<n>} (n = 1, 2, ... per order), so a re-executed order repeats its ids
 * and a consumer can de-duplicate. A fill's event time is the later of the order's and the quote's. The
 * fills of one execution (all partial fills of an order) are reported together.
 *
 * <p>Quotes are released to the gateway ({@link OrderRoute#onMarketData(MarketTick, Runnable)}) once the
 * exchange cannot need them across a restart: the latest quote of a symbol when a newer one replaces it, or
 * after {@link #LATEST_QUOTE_RETENTION} (a symbol silent that long has no quote after a restart until it
 * ticks again); with order-time fills, when the quote history no longer needs it ({@link QuoteHistory}).
 * {@link #submit} and {@link #onMarketData} must be called from one thread.
 */
public final class PaperExchange implements OrderRoute {

  private static final Logger LOG = LoggerFactory.getLogger(PaperExchange.class);
  private static final String VENUE = "paper";

  private final PaperExchangeConfig config;
  private final ExecutionListener listener;
  private final ExecutionScheduler scheduler;
  /** How long the latest quote of a silent symbol stays protected across a restart (live fills). */
  static final Duration LATEST_QUOTE_RETENTION = Duration.ofHours(1);

  private final Map<String, MarketTick> quotes = new ConcurrentHashMap<>();
  private final LatestQuotes latestQuotes = new LatestQuotes(LATEST_QUOTE_RETENTION);
  private final Map<String, Queue<Waiting>> waiting = new HashMap<>();
  private final QuoteHistory history;
  private final AtomicInteger openOrders = new AtomicInteger();
  private int waitingCount;

  /**
   * An exchange reporting to {@code listener}; it starts a timer thread only when latency is configured.
   *
   * @param config fees, latency, partial fills, waiting queue bound
   * @param listener receives fills and late rejections (from the timer thread when latency &gt; 0)
   */
  public PaperExchange(PaperExchangeConfig config, ExecutionListener listener) {
    this(config, listener, config.latencyMillis() > 0 ? new TimerThreadScheduler("paper-exchange-timer") : null);
  }

  /**
   * An exchange whose delayed executions run on {@code scheduler} (tests pass a manual clock).
   *
   * @param config fees, latency, partial fills, waiting queue bound
   * @param listener receives fills and late rejections
   * @param scheduler runs executions when latency &gt; 0; unused (may be null) when latency is 0
   */
  PaperExchange(PaperExchangeConfig config, ExecutionListener listener, ExecutionScheduler scheduler) {
    this.config = Objects.requireNonNull(config, "config");
    this.listener = Objects.requireNonNull(listener, "listener");
    if (config.latencyMillis() > 0) {
      Objects.requireNonNull(scheduler, "scheduler");
    }
    this.scheduler = scheduler;
    this.history = config.fillAt() == FillTime.ORDER_TIME ? new QuoteHistory(config.quoteHistory()) : null;
  }

  @Override
  public String venue() {
    return VENUE;
  }

  @Override
  public Optional<Rejection> submit(HedgeOrder order) {
    if (order.getInstrumentType() == InstrumentType.OPTION) {
      Optional<Rejection> badTerms = PaperOptionPricing.checkTerms(order, order.getEventTimeMicros());
      if (badTerms.isPresent()) {
        return badTerms;
      }
    }
    if (!marketReached(order)) {
      if (waitingCount >= config.maxWaitingOrders()) {
        return Optional.of(new Rejection(Rejection.NO_MARKET, "no market yet for " + order.getSymbol()
            + " at " + order.getEventTimeMicros() + " and " + waitingCount
            + " orders already wait for one (gateway.paper.max-waiting-orders)"));
      }
      waiting.computeIfAbsent(order.getSymbol(), s -> new ArrayDeque<>()).add(new Waiting(order, System.nanoTime()));
      waitingCount++;
      openOrders.incrementAndGet();
      return Optional.empty();
    }
    openOrders.incrementAndGet();
    dispatch(order);
    return Optional.empty();
  }

  @Override
  public void onMarketData(MarketTick tick, Runnable release) {
    quotes.put(tick.getSymbol(), tick);
    if (history != null) {
      history.add(tick, release);
    } else {
      holdLatest(tick, release);
    }
    Queue<Waiting> queue = waiting.get(tick.getSymbol());
    if (queue == null) {
      return;
    }
    Queue<HedgeOrder> ready = new ArrayDeque<>();
    queue.removeIf(held -> marketReached(held.order()) && ready.add(held.order()));
    if (queue.isEmpty()) {
      waiting.remove(tick.getSymbol());
    }
    waitingCount -= ready.size();
    ready.forEach(this::dispatch);
  }

  /** Live fills need only a symbol's latest quote: the one it replaces is released, as are quotes held too long. */
  private void holdLatest(MarketTick tick, Runnable release) {
    latestQuotes.hold(tick.getSymbol(), release);
  }

  @Override
  public String stuckOrders(Duration age) {
    long now = System.nanoTime();
    StringBuilder stuck = new StringBuilder();
    int count = 0;
    for (Map.Entry<String, Queue<Waiting>> symbol : waiting.entrySet()) {
      for (Waiting held : symbol.getValue()) {
        if (now - held.sinceNanos() > age.toNanos()) {
          count++;
          if (count <= 5) {
            stuck.append(stuck.length() == 0 ? "" : "; ").append(held.order().getOrderId()).append(" waits for ")
                .append(history == null ? "a first tick of " + symbol.getKey()
                    : "a tick of " + symbol.getKey() + " at or after " + held.order().getEventTimeMicros());
          }
        }
      }
    }
    return count == 0 ? "" : count + " orders waiting longer than " + age + ": " + stuck;
  }

  @Override
  public List<HedgeOrder> takeBackWaiting(WaitingFilter which) {
    long now = System.nanoTime();
    List<HedgeOrder> taken = new ArrayList<>();
    waiting.values().forEach(queue -> queue.removeIf(held ->
        which.test(held.order(), Duration.ofNanos(now - held.sinceNanos())) && taken.add(held.order())));
    waiting.values().removeIf(Queue::isEmpty);
    waitingCount -= taken.size();
    openOrders.addAndGet(-taken.size());
    return taken;
  }

  /** Whether the market the order must fill at is known: any tick (latest), or a tick at or after its time. */
  private boolean marketReached(HedgeOrder order) {
    if (history != null) {
      history.orderSeen(order.getSymbol(), order.getEventTimeMicros());
    }
    return history == null
        ? quotes.containsKey(order.getSymbol())
        : history.reached(order.getSymbol(), order.getEventTimeMicros());
  }

  /** The quote the order fills at, or null when order time is older than every quote kept. */
  private MarketTick quoteFor(HedgeOrder order) {
    return history == null
        ? quotes.get(order.getSymbol())
        : history.at(order.getSymbol(), order.getEventTimeMicros());
  }

  @Override
  public int openOrders() {
    return openOrders.get();
  }

  /** Waits up to the latency plus five seconds for scheduled executions, then stops the timer thread. */
  @Override
  public void close() {
    if (waitingCount > 0) {
      LOG.info("paper exchange closing with {} orders still waiting for a first tick", waitingCount);
    }
    if (config.latencyMillis() > 0) {
      scheduler.drainAndStop(latency().plusSeconds(5));
    }
  }

  private void dispatch(HedgeOrder order) {
    if (config.latencyMillis() == 0) {
      execute(order);
    } else {
      scheduler.schedule(() -> execute(order), latency());
    }
  }

  private Duration latency() {
    return Duration.ofMillis(config.latencyMillis());
  }

  private void execute(HedgeOrder order) {
    try {
      MarketTick quote = quoteFor(order);
      if (quote == null) {
        listener.onReject(order, new Rejection(Rejection.NO_MARKET, "order at " + order.getEventTimeMicros()
            + " is older than every quote of " + order.getSymbol() + " kept (gateway.paper.quote-history)"));
        return;
      }
      double price = priceOrReject(order, quote);
      if (Double.isNaN(price)) {
        return;
      }
      if (!PaperPricing.withinLimit(order.getSide(), price, order.getLimitPrice())) {
        listener.onReject(order, new Rejection(Rejection.LIMIT_NOT_MARKETABLE, order.getSide() + " limit "
            + order.getLimitPrice() + " not marketable against " + price));
        return;
      }
      Instant eventTime = later(order.getEventTimeMicros(), quote.getEventTimeMicros());
      double[] quantities = PaperPricing.split(order.getQuantity(), config.maxFillQuantity());
      List<Fill> fills = new ArrayList<>(quantities.length);
      double filled = 0;
      for (int i = 0; i < quantities.length; i++) {
        filled += quantities[i];
        double leaves = i == quantities.length - 1 ? 0.0 : order.getQuantity() - filled;
        fills.add(fill(order, i + 1, quantities[i], price, leaves, eventTime));
      }
      listener.onFills(order, fills);
    } finally {
      openOrders.decrementAndGet();
    }
  }

  /** The fill price of {@code order} against {@code quote}, or NaN after reporting why it cannot execute. */
  private double priceOrReject(HedgeOrder order, MarketTick quote) {
    if (order.getInstrumentType() != InstrumentType.OPTION) {
      return PaperPricing.fillPrice(order.getSide(), quote);
    }
    Optional<Rejection> expired = PaperOptionPricing.checkTerms(order, quote.getEventTimeMicros());
    if (expired.isPresent()) {
      listener.onReject(order, expired.get());
      return Double.NaN;
    }
    Result<Double> price = PaperOptionPricing.fillPrice(order.getSide(), order.getOption(), quote,
        config.effectiveOptionHalfSpreadVol());
    if (!price.isSuccess()) {
      listener.onReject(order, new Rejection(Rejection.INVALID_PRICE, price.reason()));
      return Double.NaN;
    }
    return price.value();
  }

  /** Underlying units per unit of the order's quantity: the multiplier of an option contract, 1 otherwise. */
  private static double unitsPerQuantity(HedgeOrder order) {
    return order.getInstrumentType() == InstrumentType.OPTION ? order.getOption().getMultiplier() : 1.0;
  }

  private Fill fill(HedgeOrder order, int n, double quantity, double price, double leaves, Instant time) {
    return Fill.newBuilder()
        .setFillId(order.getOrderId() + "-" + n)
        .setOrderId(order.getOrderId())
        .setBook(order.getBook())
        .setSymbol(order.getSymbol())
        .setInstrument(order.getInstrument())
        .setSide(order.getSide())
        .setQuantity(quantity)
        .setPrice(price)
        .setFee(config.fee(order.getInstrumentType() == InstrumentType.OPTION,
            price * unitsPerQuantity(order) * quantity))
        .setLeavesQuantity(leaves)
        .setVenue(VENUE)
        .setEventTimeMicros(time)
        .build();
  }

  /** An order waiting for its market, and since when (monotonic clock). */
  private record Waiting(HedgeOrder order, long sinceNanos) {}

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}

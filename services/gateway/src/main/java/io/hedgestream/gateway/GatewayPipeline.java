package io.hedgestream.gateway;

import io.hedgestream.avro.DeadLetter;
import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OrderState;
import io.hedgestream.avro.OrderStatus;
import io.hedgestream.schemas.AvroSerde;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the gateway does with each consumed record in one session (from a start, or a recovery, to the next):
 * decode, validate, de-duplicate, route; follow each routed order through its {@link OrderLifecycle}; queue
 * fills, order statuses and dead letters on the {@link Outbox}, which the service publishes transactionally
 * together with the offsets of the records they handled; track exactly which records are handled
 * ({@link OffsetTracker}). A record an earlier session already handled is re-read only for its quote (ticks)
 * and otherwise skipped, so nothing executes or dead-letters twice; an order still open when a session ended
 * is routed again and reports its NEW status again. Records must be passed in from one thread; executions
 * may arrive on the route's threads.
 */
final class GatewayPipeline implements ExecutionListener, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayPipeline.class);
  private static final String SERVICE = "gateway";
  /** The reason code of an order the gateway held past {@code gateway.order-timeout}. */
  static final String ORDER_TIMEOUT = "ORDER_TIMEOUT";
  /** The reason code of a held order canceled because its symbol was HALTED. */
  static final String HALTED = "HALTED";

  private final Outbox outbox;
  private final OrderRoute route;
  private final SeenOrderIds seen;
  private final OffsetTracker offsets = new OffsetTracker();
  private final GatewayCounters counters;
  private final Map<String, ConsumerRecord<byte[], byte[]>> inFlight = new ConcurrentHashMap<>();
  private final Map<String, OrderLifecycle> lifecycles = new ConcurrentHashMap<>();
  /** Quantity and notional of each open order's fills sent into transactions (this session and before). */
  private final Map<String, double[]> published = new ConcurrentHashMap<>();
  private final java.util.function.Consumer<String> halt;

  /**
   * A pipeline queueing its outputs on {@code outbox}, routing to the route {@code routeFactory} builds.
   *
   * @param dedupCapacity order ids remembered to drop duplicates
   * @param outbox where fills and dead letters go
   * @param counters the service's running totals
   * @param routeFactory builds the route given the listener it must report to (this pipeline)
   * @param halt halts new orders of a symbol (an order of it is in doubt)
   */
  GatewayPipeline(int dedupCapacity, Outbox outbox, GatewayCounters counters,
      Function<ExecutionListener, OrderRoute> routeFactory, java.util.function.Consumer<String> halt) {
    this.outbox = outbox;
    this.counters = counters;
    this.halt = halt;
    this.seen = new SeenOrderIds(dedupCapacity);
    this.route = routeFactory.apply(this);
  }

  /** A pipeline whose routes never put an order in doubt (nothing to halt). */
  GatewayPipeline(int dedupCapacity, Outbox outbox, GatewayCounters counters,
      Function<ExecutionListener, OrderRoute> routeFactory) {
    this(dedupCapacity, outbox, counters, routeFactory, symbol -> {
      throw new IllegalStateException("this pipeline cannot halt " + symbol);
    });
  }

  /** Handles one record of orders.hedge or md.ticks. */
  void accept(ConsumerRecord<byte[], byte[]> record) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    boolean handledBefore = offsets.handledBefore(partition, record.offset());
    offsets.begin(partition, record.offset());
    if (record.topic().equals(Topics.MD_TICKS.name())) {
      onTick(record, handledBefore);
    } else if (handledBefore) {
      complete(record);
    } else {
      onOrder(record);
    }
  }

  /** Takes over an earlier session's commit of {@code partition} (see {@link OffsetTracker#restore}). */
  void restore(TopicPartition partition, OffsetAndMetadata committed) {
    offsets.restore(partition, committed);
  }

  private void onTick(ConsumerRecord<byte[], byte[]> record, boolean handledBefore) {
    if (!handledBefore) {
      counters.tickReceived();
    }
    Optional<Rejection> rejection;
    MarketTick tick = null;
    try {
      tick = decode(Topics.MD_TICKS, record.value());
      rejection = OrderValidator.validate(tick);
    } catch (RuntimeException e) {
      rejection = Optional.of(undecodable(e));
    }
    if (rejection.isEmpty()) {
      route.onMarketData(tick, () -> complete(record));
    } else if (handledBefore) {
      complete(record);
    } else {
      counters.tickRejected();
      deadLetter(Topics.MD_TICKS, record, rejection.get());
    }
  }

  private void onOrder(ConsumerRecord<byte[], byte[]> record) {
    counters.orderReceived();
    HedgeOrder order;
    try {
      order = decode(Topics.ORDERS_HEDGE, record.value());
    } catch (RuntimeException e) {
      rejectOrder(record, undecodable(e));
      return;
    }
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    Optional<Rejection> invalid = OrderValidator.validate(order, key);
    if (invalid.isPresent()) {
      rejectOrder(record, invalid.get());
      return;
    }
    if (inFlight.containsKey(order.getOrderId()) || !seen.add(order.getOrderId())) {
      counters.duplicateOrder();
      LOG.debug("duplicate order {} ignored", order.getOrderId());
      complete(record);
      return;
    }
    inFlight.put(order.getOrderId(), record);
    OrderLifecycle lifecycle = resume(order, record);
    lifecycles.put(order.getOrderId(), lifecycle);
    Optional<Rejection> refused = route.submit(order);
    if (refused.isPresent()) {
      inFlight.remove(order.getOrderId());
      lifecycles.remove(order.getOrderId());
      published.remove(order.getOrderId());
      rejectOrder(record, refused.get(), List.of(status(rejected(lifecycle, refused.get()))));
    } else {
      counters.orderAccepted();
      synchronized (lifecycle) {
        if (lifecycle.state() == OrderState.PENDING_NEW && !route.acknowledgesOrders()) {
          outbox.add(List.of(status(acknowledged(lifecycle))), 0, () -> { });
        }
      }
    }
  }

  /**
   * The lifecycle of an order read now: new, or, for an order an earlier session left in flight, resumed with
   * the fills it published (the commit's note), which the route hears of too ({@link OrderRoute#publishedBefore});
   * the note is carried into this session's commits until the order's next fill.
   */
  private OrderLifecycle resume(HedgeOrder order, ConsumerRecord<byte[], byte[]> record) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    Optional<String> note = offsets.restoredNote(partition, record.offset());
    if (note.isEmpty()) {
      return new OrderLifecycle(order, route.venue());
    }
    double quantity = 0;
    double notional = 0;
    if (!note.get().isEmpty()) {
      String[] parts = note.get().split("/");
      quantity = Double.parseDouble(parts[0]);
      notional = Double.parseDouble(parts[1]);
      offsets.note(partition, record.offset(), note.get());
      published.put(order.getOrderId(), new double[] {quantity, notional});
    }
    route.publishedBefore(order, quantity, notional);
    return OrderLifecycle.resumed(order, route.venue(), quantity, notional);
  }

  /**
   * Publishes an execution's fills, each followed by the order status it leads to, as one group; the first
   * execution of an order not yet acknowledged is preceded by its NEW status. A fill the order's state
   * machine refuses (an overfill, a fill after a final state) is logged and published nowhere.
   */
  @Override
  public void onFills(HedgeOrder order, List<Fill> fills) {
    OrderLifecycle lifecycle = lifecycles.get(order.getOrderId());
    if (lifecycle == null) {
      LOG.error("fills of order {} that is not open at this gateway refused: {}", order.getOrderId(), fills);
      return;
    }
    synchronized (lifecycle) {
      List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(2 * fills.size() + 1);
      try {
        if (lifecycle.state() == OrderState.PENDING_NEW) {
          records.add(status(acknowledged(lifecycle)));
        }
        for (Fill fill : fills) {
          OrderStatus status = lifecycle.fill(fill.getQuantity(), fill.getPrice(), fill.getEventTimeMicros());
          records.add(record(Topics.FILLS_HEDGE, fill.getSymbol(), fill));
          records.add(status(status));
        }
      } catch (OrderLifecycle.IllegalTransition e) {
        LOG.error("execution of order {} refused, nothing of it published: {}", order.getOrderId(), e.getMessage());
        return;
      }
      boolean last = OrderLifecycle.isFinal(lifecycle.state());
      if (last) {
        lifecycles.remove(order.getOrderId());
      }
      double quantity = fills.stream().mapToDouble(Fill::getQuantity).sum();
      double notional = fills.stream().mapToDouble(fill -> fill.getQuantity() * fill.getPrice()).sum();
      outbox.add(records, fills.size(), () -> {
        if (last) {
          published.remove(order.getOrderId());
          ConsumerRecord<byte[], byte[]> source = inFlight.remove(order.getOrderId());
          if (source != null) {
            complete(source);
          }
        } else {
          notePublished(order.getOrderId(), quantity, notional);
        }
      });
    }
  }

  /** The venue acknowledged the order: its NEW status, with the venue's order id. */
  @Override
  public void onAccepted(HedgeOrder order, String venueOrderId) {
    OrderLifecycle lifecycle = lifecycles.get(order.getOrderId());
    if (lifecycle == null) {
      return;
    }
    synchronized (lifecycle) {
      if (lifecycle.state() == OrderState.PENDING_NEW) {
        outbox.add(List.of(status(lifecycle.acknowledge(venueOrderId, order.getEventTimeMicros()))), 0, () -> { });
      }
    }
  }

  /** The venue canceled or expired the order's rest: its final status; its record is handled. */
  @Override
  public void onEnded(HedgeOrder order, OrderState end, Rejection reason) {
    published.remove(order.getOrderId());
    OrderLifecycle lifecycle = lifecycles.remove(order.getOrderId());
    ConsumerRecord<byte[], byte[]> source = inFlight.remove(order.getOrderId());
    if (lifecycle == null || source == null) {
      LOG.warn("{} of order {} that is not open at this gateway: {}", end, order.getOrderId(), reason);
      return;
    }
    synchronized (lifecycle) {
      try {
        OrderStatus status = end == OrderState.EXPIRED
            ? lifecycle.expired(reason.code(), reason.reason(), order.getEventTimeMicros())
            : lifecycle.canceled(reason.code(), reason.reason(), order.getEventTimeMicros());
        outbox.add(List.of(status(status)), 0, () -> complete(source));
      } catch (OrderLifecycle.IllegalTransition e) {
        LOG.error("{} of order {} refused: {}", end, order.getOrderId(), e.getMessage());
        complete(source);
      }
    }
  }

  /** A cancel went to the venue: PENDING_CANCEL. */
  @Override
  public void onCancelRequested(HedgeOrder order) {
    transition(order, lifecycle -> lifecycle.cancelRequested(order.getEventTimeMicros()));
  }

  /** The venue refused the cancel: back to NEW or PARTIALLY_FILLED, with the venue's reason. */
  @Override
  public void onCancelRefused(HedgeOrder order, Rejection reason) {
    transition(order, lifecycle -> lifecycle.cancelRefused(reason.code(), reason.reason(), order.getEventTimeMicros()));
  }

  private void transition(HedgeOrder order, Function<OrderLifecycle, OrderStatus> move) {
    OrderLifecycle lifecycle = lifecycles.get(order.getOrderId());
    if (lifecycle == null) {
      return;
    }
    synchronized (lifecycle) {
      try {
        outbox.add(List.of(status(move.apply(lifecycle))), 0, () -> { });
      } catch (OrderLifecycle.IllegalTransition e) {
        LOG.warn("order {}: {}", order.getOrderId(), e.getMessage());
      }
    }
  }

  /**
   * The route cannot establish the order's state: its symbol is halted (new orders refused RISK_HALTED until
   * an operator sets it ACTIVE again) and the order stays open, its record in flight, so a restart asks again.
   */
  @Override
  public void onInDoubt(HedgeOrder order, String reason) {
    counters.orderInDoubt();
    halt.accept(order.getSymbol());
    LOG.error("order {} of book {} in doubt ({}): {} HALTED; after checking the order with the venue, resume with "
        + "hedge control trading ACTIVE --symbol {}", order.getOrderId(), order.getBook(), reason, order.getSymbol(),
        order.getSymbol());
  }

  /** A late rejection: the order's REJECTED status and its dead letter, together. */
  @Override
  public void onReject(HedgeOrder order, Rejection rejection) {
    published.remove(order.getOrderId());
    OrderLifecycle lifecycle = lifecycles.remove(order.getOrderId());
    ConsumerRecord<byte[], byte[]> source = inFlight.remove(order.getOrderId());
    if (source == null || lifecycle == null) {
      LOG.warn("rejection of unknown order {}: {}", order.getOrderId(), rejection);
      return;
    }
    synchronized (lifecycle) {
      List<ProducerRecord<byte[], byte[]>> statuses = List.of();
      try {
        statuses = List.of(status(rejected(lifecycle, rejection)));
      } catch (OrderLifecycle.IllegalTransition e) {
        LOG.error("rejection of order {} in state {}: {}", order.getOrderId(), lifecycle.state(), e.getMessage());
      }
      rejectOrder(source, rejection, statuses);
    }
  }

  /**
   * Expires the orders the route still holds after waiting longer than {@code age} ({@code gateway.order-timeout}):
   * each is reported EXPIRED (ORDER_TIMEOUT) on orders.status and its record counts as handled, so the engine
   * releases it and hedges again.
   *
   * @return how many orders expired
   */
  int expireWaiting(java.time.Duration age) {
    List<HedgeOrder> expired = route.takeBackWaiting((order, waited) -> waited.compareTo(age) > 0);
    finishTakenBack(expired, lifecycle -> lifecycle.expired(ORDER_TIMEOUT, "waited longer than "
        + "gateway.order-timeout=" + age + " for its market", lifecycle.order().getEventTimeMicros()));
    if (!expired.isEmpty()) {
      LOG.info("{} orders expired after waiting longer than {}", expired.size(), age);
    }
    return expired.size();
  }

  /**
   * Cancels the orders the route still holds for {@code symbol} (every symbol for {@code *}) after it was
   * HALTED: each is reported CANCELED (HALTED) and its record counts as handled. Orders already at the venue
   * are not recalled.
   *
   * @return how many orders were canceled
   */
  int cancelWaiting(String symbol) {
    List<HedgeOrder> canceled = route.takeBackWaiting((order, waited) ->
        symbol.equals(io.hedgestream.gateway.risk.TradingStates.ALL) || symbol.equals(order.getSymbol()));
    finishTakenBack(canceled, lifecycle -> lifecycle.canceled(HALTED, "trading state HALTED for " + symbol,
        lifecycle.order().getEventTimeMicros()));
    int atVenue = route.cancelWorking(symbol);
    if (atVenue > 0) {
      LOG.info("{} cancels sent to the venue: {} is HALTED", atVenue, symbol);
    }
    if (!canceled.isEmpty()) {
      LOG.info("{} held orders canceled: {} is HALTED", canceled.size(), symbol);
    }
    return canceled.size();
  }

  /** Publishes the final status of each order the route took back and marks its record handled. */
  private void finishTakenBack(List<HedgeOrder> orders, java.util.function.Function<OrderLifecycle, OrderStatus> end) {
    for (HedgeOrder order : orders) {
      published.remove(order.getOrderId());
      OrderLifecycle lifecycle = lifecycles.remove(order.getOrderId());
      ConsumerRecord<byte[], byte[]> source = inFlight.remove(order.getOrderId());
      if (lifecycle == null || source == null) {
        LOG.warn("order {} taken back from the route was not open at this gateway", order.getOrderId());
        continue;
      }
      synchronized (lifecycle) {
        outbox.add(List.of(status(end.apply(lifecycle))), 0, () -> complete(source));
      }
    }
  }

  /**
   * Adds a group of fills, just sent into the transaction, to what is published of its order, and notes it on
   * the order's record: a gateway restarted before the order finishes knows what of it it booked already.
   */
  private void notePublished(String orderId, double quantity, double notional) {
    double[] total = published.merge(orderId, new double[] {quantity, notional},
        (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
    ConsumerRecord<byte[], byte[]> source = inFlight.get(orderId);
    if (source != null) {
      offsets.note(new TopicPartition(source.topic(), source.partition()), source.offset(), total[0] + "/" + total[1]);
    }
  }

  /** What to commit now: offsets and which records above them are still in flight. */
  Map<TopicPartition, OffsetAndMetadata> committable() {
    return offsets.committable();
  }

  /** Stops tracking partitions this consumer no longer owns. */
  void forget(Collection<TopicPartition> partitions) {
    offsets.forget(partitions);
  }

  /** Order and tick records not yet fully handled. */
  int inFlight() {
    return offsets.inFlight();
  }

  /** The route's orders that have waited longer than {@code age}, for an operator; empty when none. */
  String stuckOrders(java.time.Duration age) {
    return route.stuckOrders(age);
  }

  /** The route's session with its venue, for the status line; empty for a route without one. */
  java.util.Optional<OrderRoute.SessionState> session() {
    return route.session();
  }

  String sessionStatus() {
    return route.sessionStatus();
  }

  /** Orders accepted by the route and not yet finished. */
  int openOrders() {
    return route.openOrders();
  }

  /** Closes the route, which hands its in-flight executions to the outbox. */
  @Override
  public void close() {
    route.close();
  }

  private void rejectOrder(ConsumerRecord<byte[], byte[]> record, Rejection rejection) {
    rejectOrder(record, rejection, List.of());
  }

  /** Dead-letters an order record, publishing {@code statuses} (its REJECTED status) in the same group. */
  private void rejectOrder(ConsumerRecord<byte[], byte[]> record, Rejection rejection,
      List<ProducerRecord<byte[], byte[]>> statuses) {
    counters.orderRejected();
    LOG.debug("order at {}-{}@{} rejected: {}", record.topic(), record.partition(), record.offset(), rejection);
    deadLetter(Topics.ORDERS_HEDGE, record, rejection, statuses);
  }

  /** The order's NEW status; its time is the order's (a replay publishes the same statuses). */
  private static OrderStatus acknowledged(OrderLifecycle lifecycle) {
    return lifecycle.acknowledge(null, lifecycle.order().getEventTimeMicros());
  }

  private static OrderStatus rejected(OrderLifecycle lifecycle, Rejection rejection) {
    return lifecycle.reject(rejection.code(), rejection.reason(), lifecycle.order().getEventTimeMicros());
  }

  private static ProducerRecord<byte[], byte[]> status(OrderStatus status) {
    return record(Topics.ORDERS_STATUS, status.getSymbol(), status);
  }

  private static <V> ProducerRecord<byte[], byte[]> record(Topic<String, V> topic, String key, V value) {
    return new ProducerRecord<>(topic.name(), topic.keySerde().serializer().serialize(topic.name(), key),
        topic.valueSerde().serializer().serialize(topic.name(), value));
  }

  private void complete(ConsumerRecord<byte[], byte[]> record) {
    offsets.complete(new TopicPartition(record.topic(), record.partition()), record.offset());
  }

  private void deadLetter(Topic<?, ?> source, ConsumerRecord<byte[], byte[]> record, Rejection rejection) {
    deadLetter(source, record, rejection, List.of());
  }

  private void deadLetter(Topic<?, ?> source, ConsumerRecord<byte[], byte[]> record, Rejection rejection,
      List<ProducerRecord<byte[], byte[]>> alongside) {
    DeadLetter letter = DeadLetter.newBuilder()
        .setSourceTopic(record.topic())
        .setPartition(record.partition())
        .setOffset(record.offset())
        .setKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
        .setValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
        .setError(rejection.reason())
        .setErrorType(rejection.code())
        .setService(SERVICE)
        .setFailedAtMicros(Instant.now().truncatedTo(ChronoUnit.MICROS))
        .build();
    Topic<byte[], DeadLetter> dlq = Topics.deadLetterOf(source);
    byte[] value = dlq.valueSerde().serializer().serialize(dlq.name(), letter);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(alongside);
    records.add(new ProducerRecord<>(dlq.name(), record.key(), value));
    outbox.add(records, 0, () -> complete(record));
  }

  private static <V> V decode(Topic<String, V> topic, byte[] value) {
    if (value == null) {
      throw new org.apache.kafka.common.errors.SerializationException("null value (tombstone)");
    }
    return topic.valueSerde().deserializer().deserialize(topic.name(), value);
  }

  private static Rejection undecodable(RuntimeException e) {
    String code = e instanceof AvroSerde.UnknownSchemaException ? Rejection.UNKNOWN_SCHEMA : Rejection.UNDECODABLE;
    return new Rejection(code, String.valueOf(e.getMessage()));
  }
}

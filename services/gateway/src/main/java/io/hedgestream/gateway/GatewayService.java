package io.hedgestream.gateway;

import io.hedgestream.gateway.fix.FixClientTrades;
import io.hedgestream.gateway.fix.FixRoute;
import io.hedgestream.gateway.fix.FixSettings;
import io.hedgestream.gateway.fix.PaperFixVenue;
import io.hedgestream.gateway.risk.BookExposures;
import io.hedgestream.gateway.risk.PreTradeRisk;
import io.hedgestream.gateway.risk.RiskCheckedRoute;
import io.hedgestream.gateway.risk.TradingStates;
import io.hedgestream.kafka.KafkaClients;
import io.hedgestream.metrics.ServiceMetrics;
import io.hedgestream.schemas.Topics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway process: one thread polls {@code orders.hedge} and {@code md.ticks} (raw bytes, read_committed
 * so orders of aborted engine transactions are never executed), hands them to a {@link GatewayPipeline} over
 * the configured {@link OrderRoute} behind the pre-trade checks ({@link RiskCheckedRoute}), and publishes
 * fills, order statuses and dead letters. Before its first order it reads the trading states on
 * {@code policy.control} ({@link ControlFeed}) and then follows them between polls: a HALTED symbol's held
 * orders are canceled. With {@code gateway.order-timeout} set, orders that waited that long for their market
 * expire.
 *
 * <p>Delivery is exactly-once, end to end, across crashes: the fills, statuses and dead letters a record
 * caused and the offsets that mark it handled are committed in one Kafka transaction (transactional id
 * {@code gateway.instance-id}, fenced by the consumer group's generation), every
 * {@code gateway.commit-interval-ms}. Executions happen on the route's own threads and are handed to this
 * thread through an {@link Outbox}. What the gateway needs to finish an order after a restart is recovered
 * from Kafka, not from memory: the committed position of each partition is its oldest record still in flight
 * (an unfinished order, or a tick whose quote the route may still fill at), and the commit metadata says which
 * records above it were already handled ({@link OffsetTracker}). A restarted gateway re-reads from there,
 * rebuilds its quotes, skips what was done, and executes every open order again with the same fill ids.
 *
 * <p>A transaction that fails (a broker restart, a rebalance that fenced this member) is aborted and the
 * session restarts in process from the last commit; a producer fenced by another instance with the same
 * transactional id stops the gateway (two gateways must never share one id). Orders that wait for their
 * market longer than 30 s are reported in the log every 10 s, with what they wait for.
 */
public final class GatewayService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayService.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STUCK_AGE = Duration.ofSeconds(30);
  private static final Duration STUCK_REPORT_EVERY = Duration.ofSeconds(10);
  /** How often waiting orders are checked against {@code gateway.order-timeout}. */
  private static final Duration EXPIRY_CHECK_EVERY = Duration.ofMillis(100);
  private static final Duration RECOVERY_BACKOFF = Duration.ofMillis(500);
  /** How long the start-up read of policy.control (the trading states) may take. */
  private static final Duration CONTROL_CATCH_UP = Duration.ofSeconds(60);

  private final GatewayConfig config;
  private final Consumer<byte[], byte[]> consumer;
  private final ControlFeed control;
  private final TradingStates tradingStates = new TradingStates();
  private final BookExposures exposures = new BookExposures();
  private final Supplier<Producer<byte[], byte[]>> producers;
  private final Function<ExecutionListener, OrderRoute> routeFactory;
  private final GatewayCounters counters = new GatewayCounters();
  private final ServiceMetrics metrics;
  private final Outbox outbox;
  private final Thread thread;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Set<TopicPartition> assigned = new HashSet<>();
  /** What the service closes after its route (the in-process paper FIX venue). */
  private final List<AutoCloseable> owned = new java.util.concurrent.CopyOnWriteArrayList<>();
  private Producer<byte[], byte[]> producer;
  private volatile GatewayPipeline pipeline;
  private volatile boolean running = true;
  private volatile int recoveries;
  private boolean needsRewind;
  private Map<TopicPartition, OffsetAndMetadata> lastCommitted = Map.of();
  private long lastCommitNanos = System.nanoTime();
  private long lastStuckReportNanos = System.nanoTime();
  private long lastExpiryCheckNanos = System.nanoTime();

  private GatewayService(GatewayConfig config, Consumer<byte[], byte[]> consumer,
      Consumer<byte[], byte[]> controlConsumer, Supplier<Producer<byte[], byte[]>> producers,
      Function<ExecutionListener, OrderRoute> routeFactory, ServiceMetrics metrics) {
    this.config = config;
    this.consumer = consumer;
    this.metrics = metrics;
    this.control = new ControlFeed(controlConsumer, tradingStates, exposures, config.risk().exposure().any());
    this.producers = producers;
    this.routeFactory = routeFactory;
    this.outbox = new Outbox(consumer::wakeup);
    this.thread = new Thread(this::run, "hedgestream-gateway");
  }

  /**
   * Starts a gateway with the route {@code config} names against its brokers: the paper exchange, or the FIX
   * route (with the paper venue's FIX acceptor in this process when {@code gateway.fix.paper-venue} is set).
   */
  public static GatewayService start(GatewayConfig config) {
    List<AutoCloseable> owned = new ArrayList<>();
    try {
      // What runs beside the route starts first: when it cannot (a port taken), no gateway is left running.
      Function<ExecutionListener, OrderRoute> routes = routeFactory(config, owned);
      if (config.fix().clientTradesFile() != null) {
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaClients.producer(config.bootstrapServers(),
            config.kafkaOverrides()));
        owned.add(producer);
        owned.add(new FixClientTrades(config.fix().clientTradesFile(), config.fix().stateDir(), config.fix().password(),
            producer));
      }
      GatewayService service = start(config, routes);
      for (int i = owned.size() - 1; i >= 0; i--) {
        service.owned.add(owned.get(i));
      }
      return service;
    } catch (RuntimeException e) {
      for (int i = owned.size() - 1; i >= 0; i--) {
        closeQuietly(owned.get(i));
      }
      throw e;
    }
  }

  /** The route {@code config} names; what it starts beside the route (the paper FIX venue) goes to {@code owned}. */
  private static Function<ExecutionListener, OrderRoute> routeFactory(GatewayConfig config, List<AutoCloseable> owned) {
    if (!config.route().equals("fix")) {
      return listener -> new PaperExchange(config.paper(), listener);
    }
    FixSettings fix = config.fix();
    if (!fix.paperVenue()) {
      return listener -> new FixRoute(fix, listener);
    }
    PaperFixVenue venue = new PaperFixVenue(config.paper(), fix.venueSessionFile(), fix.stateDir(), fix.password());
    owned.add(venue);
    return listener -> new FixRoute(fix, listener, venue::onMarketData);
  }

  /**
   * Starts a gateway routing to the route {@code routeFactory} builds (given the listener it must report
   * executions to); returns once the consumer thread runs.
   */
  public static GatewayService start(GatewayConfig config, Function<ExecutionListener, OrderRoute> routeFactory) {
    return start(config, new KafkaConsumer<>(config.consumerProperties()),
        new KafkaConsumer<>(config.controlConsumerProperties()),
        () -> new KafkaProducer<>(config.producerProperties()), routeFactory);
  }

  /**
   * Starts a gateway on the given clients (tests pass mock clients): {@code consumer} for orders and ticks,
   * {@code controlConsumer} for policy.control (assigned, no group); {@code producers} makes transactional ones.
   */
  static GatewayService start(GatewayConfig config, Consumer<byte[], byte[]> consumer,
      Consumer<byte[], byte[]> controlConsumer, Supplier<Producer<byte[], byte[]>> producers,
      Function<ExecutionListener, OrderRoute> routeFactory) {
    ServiceMetrics metrics;
    try {
      metrics = ServiceMetrics.start("gateway", config.metrics());
    } catch (RuntimeException e) {
      consumer.close();
      controlConsumer.close();
      throw e;
    }
    GatewayService service = new GatewayService(config, consumer, controlConsumer, producers, routeFactory, metrics);
    service.registerMeters();
    metrics.health(service.new Probes());
    service.thread.start();
    return service;
  }

  /**
   * The gateway's Prometheus metrics: its counters, its FIX session (up, sequence numbers, orders in doubt),
   * its order consumer's own metrics (lag included) and the JVM's; served at {@link ServiceMetrics#url()}
   * when {@code gateway.metrics.port} is set.
   */
  public ServiceMetrics metrics() {
    return metrics;
  }

  private void registerMeters() {
    MeterRegistry registry = metrics.registry();
    metrics.bind(consumer);
    counter(registry, "hedgestream.gateway.orders.received", "Order records read from orders.hedge, valid or not",
        GatewayCounters::ordersReceived);
    counter(registry, "hedgestream.gateway.orders.accepted", "Orders the route accepted", GatewayCounters::ordersAccepted);
    counter(registry, "hedgestream.gateway.orders.rejected", "Order records dead-lettered or refused",
        GatewayCounters::ordersRejected);
    counter(registry, "hedgestream.gateway.orders.duplicate", "Orders dropped as already executed",
        GatewayCounters::duplicateOrders);
    counter(registry, "hedgestream.gateway.orders.in.doubt", "Orders whose state the route could not establish",
        GatewayCounters::ordersInDoubt);
    counter(registry, "hedgestream.gateway.fills", "Fills published in committed transactions",
        GatewayCounters::fillsPublished);
    counter(registry, "hedgestream.gateway.ticks.received", "Tick records read from md.ticks",
        GatewayCounters::ticksReceived);
    if (config.route().equals("fix")) {
      Gauge.builder("hedgestream.fix.session.up", this, g -> g.session().map(s -> s.up() ? 1.0 : 0.0).orElse(0.0))
          .description("1 while the FIX session to the venue is logged on").register(registry);
      Gauge.builder("hedgestream.fix.next.sender.seq", this,
              g -> g.session().map(s -> (double) s.nextSenderSeq()).orElse(Double.NaN))
          .description("The next sequence number the gateway sends").register(registry);
      Gauge.builder("hedgestream.fix.next.target.seq", this,
              g -> g.session().map(s -> (double) s.nextTargetSeq()).orElse(Double.NaN))
          .description("The next sequence number the gateway expects from the venue").register(registry);
      Gauge.builder("hedgestream.fix.orders.in.doubt", this,
              g -> g.session().map(s -> (double) s.inDoubt()).orElse(0.0))
          .description("Orders at the venue whose state the gateway could not establish").register(registry);
    }
  }

  /**
   * The gateway's probes: live while its consumer thread runs; ready once its route is built and, for the FIX
   * route, while the session is logged on with no order in doubt.
   */
  private final class Probes implements io.hedgestream.metrics.Health {

    @Override
    public Check live() {
      Throwable error = failure.get();
      if (error != null) {
        return Check.down("stopped by " + error);
      }
      return isRunning() ? Check.up("consuming") : Check.down("stopped");
    }

    @Override
    public Check ready() {
      Check live = live();
      if (!live.up()) {
        return live;
      }
      if (pipeline == null) {
        return Check.down("starting");
      }
      Optional<OrderRoute.SessionState> session = session();
      if (session.isPresent() && !session.get().up()) {
        return Check.down("FIX session down");
      }
      if (session.isPresent() && session.get().inDoubt() > 0) {
        return Check.down(session.get().inDoubt() + " orders in doubt");
      }
      return Check.up(config.route() + " route" + (session.isPresent() ? ", FIX session up" : ""));
    }
  }

  private void counter(MeterRegistry registry, String name, String help,
      java.util.function.ToLongFunction<GatewayCounters> value) {
    FunctionCounter.builder(name, counters, c -> value.applyAsLong(c)).description(help).register(registry);
  }

  /** The route's venue session, when it has one and runs. */
  Optional<OrderRoute.SessionState> session() {
    GatewayPipeline current = pipeline;
    return current == null ? Optional.empty() : current.session();
  }

  /** What the gateway has done so far (fills and dead letters count once their transaction commits). */
  public GatewayCounters counters() {
    return counters;
  }

  /** Order records read. */
  public long ordersReceived() {
    return counters.ordersReceived();
  }

  /** Fills published in committed transactions. */
  public long fillsPublished() {
    return counters.fillsPublished();
  }

  /** Order records dead-lettered. */
  public long ordersRejected() {
    return counters.ordersRejected();
  }

  /** Sessions restarted in process after a failed transaction. */
  public int recoveries() {
    return recoveries;
  }

  /** The error that stopped the gateway, if any. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  /** The trading states that are not ACTIVE, e.g. {@code *=HALTED, SPY=REDUCING}; empty when all are ACTIVE. */
  public String tradingStates() {
    return tradingStates.describe();
  }

  /**
   * How the route's session with its venue stands ({@code fix GATEWAY->OMS up seq out=.. in=..}); empty for
   * the paper exchange.
   */
  public String routeStatus() {
    GatewayPipeline current = pipeline;
    return current == null ? "" : current.sessionStatus();
  }

  /** Whether the consumer thread is still running. */
  public boolean isRunning() {
    return finished.getCount() > 0;
  }

  /** Stops consuming, publishes in-flight executions, commits and closes the clients. */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      if (!finished.await(CLOSE_TIMEOUT.toMillis() + config.paper().latencyMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("gateway thread did not stop within {}", CLOSE_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    metrics.close();
    for (AutoCloseable resource : owned) {
      closeQuietly(resource);
    }
    owned.clear();
  }

  private void run() {
    try {
      control.catchUp(CONTROL_CATCH_UP);
      producer = producers.get();
      producer.initTransactions();
      pipeline = newPipeline();
      consumer.subscribe(List.of(Topics.ORDERS_HEDGE.name(), Topics.MD_TICKS.name()), new Rebalance());
      producer.beginTransaction();
      if (config.route().equals("fix")) {
        LOG.info("gateway started: group={} instance-id={} route=fix {}", config.groupId(), config.transactionalId(),
            config.fix());
      } else {
        LOG.info("gateway started: group={} instance-id={} route=paper fee={}bps latency={}ms maxFill={} fill-at={}",
            config.groupId(), config.transactionalId(), config.paper().feeBps(), config.paper().latencyMillis(),
            config.paper().maxFillQuantity(), config.paper().fillAt().propertyValue());
      }
      pollUntilStopped();
    } catch (ProducerFencedException | FencedInstanceIdException e) {
      failure.compareAndSet(null, e);
      LOG.error("gateway stopped: another gateway uses transactional id {} (each instance needs its own "
          + "gateway.instance-id)", config.transactionalId());
    } catch (AuthorizationException | AuthenticationException e) {
      failure.compareAndSet(null, e);
      LOG.error("gateway stopped: the cluster refused its credentials or ACLs: {} (the gateway's principal needs "
          + "READ on orders.hedge, md.ticks, policy.control and pnl.events and on group {}, WRITE on fills.hedge and orders.status "
          + "and on transactional id {})",
          e.getMessage(), config.groupId(), config.transactionalId());
    } catch (Throwable e) { // NOPMD: an Error too must reach failure(), or the demo reads the stop as clean
      failure.compareAndSet(null, e);
      LOG.error("gateway stopped by an error", e);
    } finally {
      shutDown();
      finished.countDown();
    }
  }

  private void pollUntilStopped() {
    while (running) {
      if (needsRewind) {
        recover(new KafkaException("the commits of newly assigned partitions could not be read"));
      }
      try {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(pollTimeout())) {
          pipeline.accept(record);
        }
      } catch (WakeupException e) {
        // An execution is waiting in the outbox, or close() was called: the loop decides which.
      }
      for (String halted : control.poll()) {
        pipeline.cancelWaiting(halted);
      }
      long now = System.nanoTime();
      if (now - lastCommitNanos >= config.commitInterval().toNanos()) {
        commitOrRecover();
      }
      if (!config.orderTimeout().isZero() && now - lastExpiryCheckNanos >= EXPIRY_CHECK_EVERY.toNanos()) {
        pipeline.expireWaiting(config.orderTimeout());
        lastExpiryCheckNanos = now;
      }
      if (now - lastStuckReportNanos >= STUCK_REPORT_EVERY.toNanos()) {
        reportStuckOrders();
        lastStuckReportNanos = now;
      }
    }
  }

  private Duration pollTimeout() {
    long untilCommit = config.commitInterval().toNanos() - (System.nanoTime() - lastCommitNanos);
    return Duration.ofNanos(Math.max(0, Math.min(config.pollTimeout().toNanos(), untilCommit)));
  }

  /** Commits the open transaction; on a failure, aborts it and restarts the session from the last commit. */
  private void commitOrRecover() {
    try {
      commit();
    } catch (ProducerFencedException | FencedInstanceIdException | AuthorizationException
        | AuthenticationException e) {
      throw e;
    } catch (KafkaException e) {
      recover(e);
    }
  }

  private void commit() {
    commit(true);
  }

  /** Publishes the outbox, commits it with the handled offsets, and opens the next transaction if asked. */
  private void commit(boolean beginNext) {
    Outbox.Drained sent = outbox.drainTo(producer);
    Exception sendFailure = outbox.takeSendFailure();
    if (sendFailure != null) {
      throw new KafkaException("a send in the transaction failed: " + sendFailure.getMessage(), sendFailure);
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = pipeline.committable();
    offsets.keySet().retainAll(assigned);
    lastCommitNanos = System.nanoTime();
    if (sent.records() == 0 && offsets.equals(lastCommitted)) {
      if (!beginNext) {
        producer.abortTransaction();
      }
      return; // nothing new: the open (empty) transaction stays open for the next outputs
    }
    if (!offsets.isEmpty()) {
      producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
    }
    producer.commitTransaction();
    lastCommitted = offsets;
    counters.fillsPublished(sent.fills());
    if (beginNext) {
      producer.beginTransaction();
    }
  }

  /**
   * Restarts the session from the last commit: drops the route's in-flight work, aborts the transaction (or
   * replaces a producer that cannot abort: the broker aborts its open transaction when the new one
   * initialises), positions every assigned partition at its committed offset and hands the commit metadata
   * to a new pipeline. Retries until it succeeds (a broker may be restarting) or the gateway stops.
   */
  private void recover(KafkaException cause) {
    recoveries++;
    LOG.warn("gateway session failed ({}); restarting it from the last commit", cause.toString());
    abandonPipeline();
    KafkaException last = cause;
    while (running) {
      try {
        resetProducer();
        rewind(assigned);
        needsRewind = false;
        producer.beginTransaction();
        lastCommitNanos = System.nanoTime();
        return;
      } catch (ProducerFencedException | FencedInstanceIdException | AuthorizationException
          | AuthenticationException e) {
        throw e;
      } catch (KafkaException e) {
        if (!(e instanceof WakeupException)) {
          LOG.warn("gateway recovery failed ({}); retrying in {} ms", e.toString(), RECOVERY_BACKOFF.toMillis());
          sleep(RECOVERY_BACKOFF);
        }
        last = e;
      }
    }
    LOG.info("gateway stopped while recovering from {}", last.toString());
  }

  /** Closes the session's route (its in-flight executions are dropped with the outbox) and starts an empty one. */
  private void abandonPipeline() {
    pipeline.close();
    outbox.clear();
    outbox.takeSendFailure();
    pipeline = newPipeline();
    lastCommitted = Map.of();
  }

  private void resetProducer() {
    try {
      producer.abortTransaction();
    } catch (RuntimeException abortFailed) { // NOPMD: whatever the state, a fresh producer is the way out
      closeQuietly(producer);
      control.catchUp(CONTROL_CATCH_UP);
      producer = producers.get();
      producer.initTransactions();
    }
  }

  /** Positions {@code partitions} at their committed offsets and hands the commits to the pipeline. */
  private void rewind(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
    for (TopicPartition partition : partitions) {
      OffsetAndMetadata offset = committed.get(partition);
      pipeline.restore(partition, offset);
      if (offset != null) {
        consumer.seek(partition, offset.offset());
      } else if ("earliest".equals(config.autoOffsetReset())) {
        consumer.seekToBeginning(List.of(partition));
      } else {
        consumer.seekToEnd(List.of(partition));
      }
    }
  }

  private GatewayPipeline newPipeline() {
    PreTradeRisk risk = new PreTradeRisk(config.risk(), tradingStates, exposures, System::nanoTime);
    return new GatewayPipeline(config.dedupCapacity(), outbox, counters,
        listener -> new RiskCheckedRoute(risk, listener, routeFactory.apply(listener)),
        symbol -> tradingStates.set(symbol, io.hedgestream.avro.TradingState.HALTED));
  }

  private void reportStuckOrders() {
    String stuck = pipeline.stuckOrders(STUCK_AGE);
    if (!stuck.isEmpty()) {
      LOG.warn("gateway: {}", stuck);
    }
  }

  private void shutDown() {
    try {
      if (pipeline != null) {
        pipeline.close();
        if (failure.get() == null) {
          commit(false);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("gateway shutdown: could not commit ({}); what was not committed is re-read on restart",
          e.getMessage());
    } finally {
      closeQuietly(consumer);
      closeQuietly(control);
      if (producer != null) {
        // A transaction left open (after a failure) is aborted by the broker when this id next initialises,
        // or after gateway.transaction-timeout-ms; closing must not wait for it.
        try {
          producer.close(CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
          LOG.warn("closing the producer failed: {}", e.getMessage());
        }
      }
      LOG.info("gateway stopped: {}", counters);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.warn("closing {} failed: {}", closeable.getClass().getSimpleName(), e.getMessage());
    }
  }

  /**
   * Keeps the session's tracking in step with the assignment. Before partitions move to another instance the
   * transaction is committed and the session restarted on what remains (orders of a revoked partition still
   * in flight are dropped here and executed by the new owner, from its commit); partitions lost without a
   * revocation (this member was fenced) abort the transaction instead; new partitions take over their
   * commits' metadata, and if that cannot be read the next loop rewinds them.
   */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty() || pipeline == null || !running) {
        return;
      }
      commitOrRecover();
      assigned.removeAll(partitions);
      abandonPipeline();
      needsRewind = !assigned.isEmpty();
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      if (pipeline == null || !running) {
        return;
      }
      assigned.removeAll(partitions);
      recover(new KafkaException("partitions " + partitions + " were lost (this member was fenced)"));
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      assigned.addAll(partitions);
      try {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
        partitions.forEach(partition -> pipeline.restore(partition, committed.get(partition)));
        LOG.info("gateway assigned {}: resuming at {}", partitions, committed);
      } catch (KafkaException e) {
        needsRewind = true;
      }
    }
  }
}

package io.hedgestream.launcher.chaos;

import io.hedgestream.kafka.KafkaClients;
import io.hedgestream.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the recorded input through a broker, an engine and a paper gateway, each a process of its own
 * ({@code hedge broker|engine|gateway}), in lockstep: per step the client orders, a barrier on what the engine
 * has committed, the ticks, a barrier, then the fills of the step's hedge orders. The engine's next decision
 * therefore depends on the fills of its last one, so a fault that lost, repeated or reordered anything would
 * show in the outputs. The faults of the plan strike at their steps, at a random moment after the step's
 * ticks are published, while the engine decides and the gateway fills.
 */
final class ChaosRun {

  private static final Logger LOG = LoggerFactory.getLogger(ChaosRun.class);
  private static final String APPLICATION_ID = "chaos-engine";
  private static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);

  private final String name;
  private final ChaosOptions options;
  private final FaultPlan plan;
  private final Path workDir;
  private final int brokerPort;
  private final int controllerPort;
  private final String bootstrap;
  private final ServiceProcess broker;
  private final ServiceProcess engine;
  private final ServiceProcess standbyEngine;
  private final ServiceProcess gateway;
  private final Map<TopicPartition, Long> published = new HashMap<>();
  private final List<FaultPlan.Done> faults = new ArrayList<>();
  private final AtomicReference<RuntimeException> faultFailure = new AtomicReference<>();
  private final Map<String, Integer> unplannedRestarts = new HashMap<>();
  private final java.util.concurrent.atomic.AtomicBoolean faultInProgress =
      new java.util.concurrent.atomic.AtomicBoolean();

  ChaosRun(String name, ChaosOptions options, FaultPlan plan, Path workDir) {
    this.name = name;
    this.options = options;
    this.plan = plan;
    this.workDir = workDir;
    this.brokerPort = freePort();
    this.controllerPort = freePort();
    this.bootstrap = "127.0.0.1:" + brokerPort;
    this.broker = new ServiceProcess("broker", List.of("broker", "--data-dir", workDir.resolve("broker").toString(),
        "--port", Integer.toString(brokerPort), "--set", "broker.controller-port=" + controllerPort,
        "--set", "broker.topics.partitions=" + options.partitions()), workDir);
    this.engine = new ServiceProcess("engine", engineArguments("engine-1"), workDir);
    this.standbyEngine = new ServiceProcess("engine-2", engineArguments("engine-2"), workDir);
    this.gateway = new ServiceProcess("gateway", List.of("gateway", "--bootstrap-servers", bootstrap,
        "--set", "gateway.paper.fill-at=order-time", "--set", "gateway.paper.fee-bps=1",
        "--set", "gateway.commit-interval-ms=5", "--set", "gateway.poll-timeout-ms=5",
        "--set", "gateway.instance-id=chaos-gateway", "--set", "kafka.linger.ms=0"), workDir);
  }

  private List<String> engineArguments(String instance) {
    return List.of("engine", "--bootstrap-servers", bootstrap, "--policy", options.policy(),
        "--set", "engine.application.id=" + APPLICATION_ID,
        "--set", "engine.instance-id=" + instance,
        "--set", "engine.state.dir=" + workDir.resolve(instance + "-state"),
        "--set", "engine.processing.guarantee=exactly_once_v2",
        "--set", "engine.commit.interval.ms=10",
        "--set", "engine.decision.interval=PT1S",
        "--set", "engine.lot-size=1",
        "--set", "kafka.linger.ms=0",
        "--set", "kafka.poll.ms=5",
        "--set", "kafka.main.consumer.session.timeout.ms=6000",
        "--set", "kafka.main.consumer.heartbeat.interval.ms=1500");
  }

  /**
   * Runs the input through the services and returns what they published.
   *
   * @param input the recorded input
   * @return the outputs, the faults done and the wall time
   */
  Result run(ChaosInput input) throws InterruptedException {
    long start = System.nanoTime();
    ExecutorService faultThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "chaos-faults-" + name));
    broker.start();
    awaitBroker();
    engine.start();
    gateway.start();
    try (Producer<byte[], byte[]> producer = new KafkaProducer<>(producerProps());
        EngineCommits commits = new EngineCommits(bootstrap, APPLICATION_ID);
        RunOutputs outputs = new RunOutputs(bootstrap)) {
      Future<?> pending = null;
      for (int step = 0; step < input.steps().size(); step++) {
        ChaosInput.Step current = input.steps().get(step);
        send(producer, Topics.ORDERS_CLIENT.name(), current.orders());
        Map<TopicPartition, Long> needed = new HashMap<>(published);
        outputs.lastFillOffsets().forEach((partition, offset) -> needed.merge(partition, offset, Math::max));
        commits.awaitProcessed(needed, STEP_TIMEOUT, "the client orders of step " + step + " and the fills before");
        send(producer, Topics.MD_TICKS.name(), current.ticks());
        pending = strike(faultThread, step, pending);
        commits.awaitProcessed(Map.copyOf(published), STEP_TIMEOUT, "the ticks of step " + step);
        outputs.awaitCaughtUp(STEP_TIMEOUT);
        outputs.await(() -> outputs.allFilledAt(current.time()), STEP_TIMEOUT, "the fills of step " + step);
        watchdog();
        if (step % 25 == 0) {
          LOG.info("chaos run {}: step {} of {} ({} faults so far)", name, step, input.steps().size(), faults.size());
        }
      }
      if (pending != null) {
        awaitQuietly(pending);
      }
      if (faultFailure.get() != null) {
        throw faultFailure.get();
      }
      outputs.drain(Duration.ofSeconds(2));
      return new Result(name, outputs.orders(), outputs.fills(), outputs.pnl(), outputs.deadLetters(),
          List.copyOf(faults), Map.copyOf(unplannedRestarts), (System.nanoTime() - start) / 1e9,
          zombieFencedLines());
    } finally {
      faultThread.shutdownNow();
      standbyEngine.stop();
      engine.stop();
      gateway.stop();
      broker.stop();
    }
  }

  /** Schedules the step's faults on the fault thread (after the previous ones finished). */
  private Future<?> strike(ExecutorService faultThread, int step, Future<?> previous) {
    List<FaultPlan.Fault> due = plan.at(step);
    if (due.isEmpty()) {
      return previous;
    }
    if (previous != null) {
      awaitQuietly(previous);
    }
    return faultThread.submit(() -> {
      for (FaultPlan.Fault fault : due) {
        try {
          Thread.sleep(fault.delayMillis());
          long started = System.nanoTime();
          faultInProgress.set(true);
          try {
            apply(fault);
          } finally {
            faultInProgress.set(false);
          }
          faults.add(new FaultPlan.Done(fault, (System.nanoTime() - started) / 1e6));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (RuntimeException e) {
          faultFailure.compareAndSet(null, e);
        }
      }
    });
  }

  private void apply(FaultPlan.Fault fault) throws InterruptedException {
    LOG.info("chaos run {}: step {}: {}", name, fault.step(), fault.kind());
    switch (fault.kind()) {
      case KILL_ENGINE -> {
        engine.kill9();
        engine.start();
      }
      case KILL_GATEWAY -> {
        gateway.kill9();
        gateway.start();
      }
      case RESTART_BROKER -> {
        broker.kill9();
        broker.start();
        awaitBroker();
      }
      case ZOMBIE_ENGINE -> zombie();
      default -> throw new IllegalStateException("unknown fault " + fault.kind());
    }
  }

  /**
   * A second instance joins; the first freezes (SIGSTOP) past its session timeout with its transaction open,
   * so the second takes its tasks over; then the first wakes up as a zombie and must be fenced, writing
   * nothing. The second instance leaves again a few seconds later (SIGTERM).
   */
  private void zombie() throws InterruptedException {
    standbyEngine.start();
    Thread.sleep(8_000);
    engine.pause();
    Thread.sleep(12_000);
    engine.resume();
    Thread.sleep(5_000);
    standbyEngine.stop();
  }

  /** A service that died on its own (not by a planned fault) is restarted and counted. */
  private void watchdog() {
    for (ServiceProcess service : List.of(engine, gateway, broker)) {
      if (!service.isAlive() && !faultInProgress.get()) {
        unplannedRestarts.merge(service.name(), 1, Integer::sum);
        LOG.warn("chaos run {}: {} died on its own; restarting it", name, service.name());
        service.start();
      }
    }
  }

  private List<String> zombieFencedLines() {
    List<String> lines = new ArrayList<>();
    for (String marker : List.of("ProducerFencedException", "TaskMigratedException", "fenced",
        "UNKNOWN_MEMBER_ID", "FENCED_INSTANCE_ID", "missed a rebalance")) {
      lines.addAll(engine.logLines(marker));
    }
    return lines;
  }

  private void send(Producer<byte[], byte[]> producer, String topic, List<ChaosInput.Record> records) {
    List<Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();
    for (ChaosInput.Record record : records) {
      sent.add(producer.send(new ProducerRecord<>(topic, record.key(), record.value())));
    }
    producer.flush();
    for (Future<org.apache.kafka.clients.producer.RecordMetadata> future : sent) {
      try {
        var meta = future.get();
        published.merge(new TopicPartition(meta.topic(), meta.partition()), meta.offset(), Math::max);
      } catch (Exception e) {
        throw new IllegalStateException("chaos run " + name + ": publishing to " + topic + " failed", e);
      }
    }
  }

  private Map<String, Object> producerProps() {
    Map<String, Object> props = KafkaClients.producer(bootstrap, Map.of());
    props.put("linger.ms", 0);
    props.put("delivery.timeout.ms", 300_000);
    return props;
  }

  private void awaitBroker() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (!broker.logLines("hedge broker: listening on").isEmpty()
          && broker.logLines("hedge broker: listening on").size() >= broker.starts()) {
        return;
      }
      if (!broker.isAlive()) {
        throw new IllegalStateException("chaos run " + name + ": the broker died; see " + broker.log());
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("chaos run " + name + ": the broker did not start; see " + broker.log());
  }

  private static void awaitQuietly(Future<?> future) {
    try {
      future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("a fault failed", e.getCause());
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What a run published, read with read_committed, and what was done to it.
   *
   * @param name the run's name
   * @param orders hedge orders, in read order (duplicates included)
   * @param fills fills (duplicates included)
   * @param pnl PnL events (duplicates included)
   * @param deadLetters dead letters by topic
   * @param faults the faults done, with how long each took
   * @param unplannedRestarts services that died on their own and were restarted
   * @param seconds wall time of the run
   * @param fencingLogLines the engine's log lines about fencing (the zombie's)
   */
  record Result(String name, List<io.hedgestream.avro.HedgeOrder> orders, List<io.hedgestream.avro.Fill> fills,
      List<io.hedgestream.avro.PnlEvent> pnl, Map<String, Long> deadLetters, List<FaultPlan.Done> faults,
      Map<String, Integer> unplannedRestarts, double seconds, List<String> fencingLogLines) {}

  /** The working directory of this run. */
  Path workDir() {
    return workDir;
  }

  static Path createWorkDir(Path parent, String name) {
    try {
      return Files.createDirectories(parent.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

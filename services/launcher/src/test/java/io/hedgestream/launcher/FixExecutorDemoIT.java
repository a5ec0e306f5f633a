package io.hedgestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.DeadLetter;
import io.hedgestream.avro.Fill;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.launcher.status.StatusSnapshot;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import io.hedgestream.testkit.KafkaFixture;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline (feed, engine, gateway) with the gateway's FIX route logged on to QuickFIX/J's own example
 * Executor, a counterparty we did not write, in a JVM of its own: the engine's hedge orders go out as
 * NewOrderSingles, the Executor fills them, and the engine books the fills (its books hold the hedges; no fill
 * is dead-lettered).
 */
@ExtendWith(KafkaFixture.class)
class FixExecutorDemoIT {

  /** QuickFIX/J 2.3.1's Executor and its own classpath, copied by the gateway module's build. */
  private static final Path EXECUTOR_JARS = Path.of("../gateway/target/fix-executor");

  @TempDir
  Path dir;

  @Test
  void theEngineBooksTheFillsOfQuickFixJsExecutor() throws Exception {
    assertThat(EXECUTOR_JARS.resolve("quickfixj-examples-executor-2.3.1.jar"))
        .as("the Executor's jars (built by services/gateway: mvn -pl services/gateway process-test-resources)")
        .exists();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    // The feed starts every symbol at 100 (feed.spot): the Executor fills market orders at 100.
    Path executorConfig = Files.writeString(dir.resolve("executor.cfg"), """
        [default]
        FileStorePath=%s
        ConnectionType=acceptor
        StartTime=00:00:00
        EndTime=00:00:00
        HeartBtInt=30
        ValidOrderTypes=1,2
        SenderCompID=EXEC
        TargetCompID=HEDGESTREAM
        UseDataDictionary=Y
        DefaultMarketPrice=100
        AlwaysFillLimitOrders=Y
        [session]
        BeginString=FIX.4.4
        SocketAcceptPort=%d
        """.formatted(dir.resolve("executor-store"), port));
    Path initiator = Files.writeString(dir.resolve("initiator.cfg"), Files.readString(Shipped.locate(
        "deploy/config/fix-initiator.cfg")).replace("TargetCompID=PAPERVENUE", "TargetCompID=EXEC")
        .replace("SocketConnectPort=9880", "SocketConnectPort=" + port).replace("ReconnectInterval=5",
            "ReconnectInterval=1"));
    Process executor = startExecutor(executorConfig);
    try {
      Properties props = new Properties();
      props.putAll(DemoConfig.serviceDefaults());
      props.putAll(Map.of(
          "demo.duration", "20s",
          "demo.bootstrap.servers", KafkaFixture.bootstrapServers(),
          "engine.application.id", "demo-executor-it",
          "gateway.group-id", "demo-executor-it-gateway",
          "gateway.route", "fix",
          "gateway.fix.session-file", initiator.toString(),
          "feed.run-id", "demo-executor-it",
          "feed.symbols", "EXA,EXB"));
      StringWriter printed = new StringWriter();

      StatusSnapshot end = new DemoRunner(DemoConfig.from(props), props, new PrintWriter(printed)).run();

      assertThat(end.hedgeOrders()).as("hedge orders").isPositive();
      assertThat(end.fills()).as("fills from the Executor").isPositive();
      assertThat(printed.toString()).contains("| fix HEDGESTREAM->EXEC up");
    } finally {
      executor.destroy();
      executor.waitFor(10, TimeUnit.SECONDS);
    }

    Map<String, Double> booked = bookedHoldings();
    assertThat(booked).as("the engine's books of EXA and EXB hold hedges bought and sold at the Executor")
        .isNotEmpty().allSatisfy((book, units) -> assertThat(units).isNotZero());
    assertThat(fillsOf(List.of("EXA", "EXB"))).as("fills of the Executor").isNotEmpty()
        .allSatisfy(fill -> {
          assertThat(fill.getVenue()).isEqualTo("fix");
          assertThat(fill.getPrice()).isEqualTo(100.0);
        });
    assertThat(deadLetteredFills(List.of("EXA", "EXB"))).as("fills the engine refused").isEmpty();
  }

  /** The latest underlying holdings of each book of EXA and EXB, from the engine's PnL events. */
  private static Map<String, Double> bookedHoldings() {
    Map<String, Double> holdings = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : readAll(Topics.PNL_EVENTS.name())) {
      String key = new String(record.key(), StandardCharsets.UTF_8);
      if (key.equals("EXA") || key.equals("EXB")) {
        PnlEvent event = Topics.PNL_EVENTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
        holdings.put(key + "/" + event.getBook(), event.getPositions().getOrDefault(key, 0.0));
      }
    }
    return holdings;
  }

  private static List<Fill> fillsOf(List<String> symbols) {
    List<Fill> fills = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : readAll(Topics.FILLS_HEDGE.name())) {
      if (symbols.contains(new String(record.key(), StandardCharsets.UTF_8))) {
        fills.add(Topics.FILLS_HEDGE.valueSerde().deserializer().deserialize(record.topic(), record.value()));
      }
    }
    return fills;
  }

  private static List<String> deadLetteredFills(List<String> symbols) {
    Topic<byte[], DeadLetter> dlq = Topics.deadLetterOf(Topics.FILLS_HEDGE);
    List<String> refused = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : readAll(dlq.name())) {
      if (record.key() != null && symbols.contains(new String(record.key(), StandardCharsets.UTF_8))) {
        DeadLetter letter = dlq.valueSerde().deserializer().deserialize(record.topic(), record.value());
        refused.add(letter.getErrorType() + ": " + letter.getError());
      }
    }
    return refused;
  }

  /** Every committed record of {@code topic} now. */
  private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaFixture.consumerProps(
        "executor-it-" + topic + "-" + System.nanoTime()))) {
      List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  /** The Executor on its own classpath, stdin kept open (it exits on EOF). */
  private Process startExecutor(Path config) throws IOException, InterruptedException {
    String classpath;
    try (Stream<Path> jars = Files.list(EXECUTOR_JARS)) {
      classpath = jars.map(Path::toString).sorted().collect(Collectors.joining(File.pathSeparator));
    }
    Path log = dir.resolve("executor.log");
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath, "quickfix.examples.executor.Executor", config.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!Files.readString(log).contains("press <enter> to quit")) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("the Executor did not start: " + Files.readString(log));
      }
      Thread.sleep(100);
    }
    return process;
  }
}

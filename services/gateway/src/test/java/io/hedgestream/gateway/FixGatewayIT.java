package io.hedgestream.gateway;

import static io.hedgestream.gateway.GatewayServiceIT.decode;
import static io.hedgestream.gateway.GatewayServiceIT.publish;
import static io.hedgestream.gateway.GatewayServiceIT.read;
import static io.hedgestream.gateway.GatewayServiceIT.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hedgestream.avro.DeadLetter;
import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.OrderState;
import io.hedgestream.avro.OrderStatus;
import io.hedgestream.avro.Side;
import io.hedgestream.gateway.fix.FixSettings;
import io.hedgestream.gateway.fix.FixTestKit;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import io.hedgestream.testkit.KafkaFixture;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway with {@code gateway.route=fix} over a real broker: hedge orders of the underlying and of an
 * option leave as NewOrderSingles over a real FIX session and their ExecutionReports come back as fills and
 * statuses; once against HedgeStream's own paper venue behind its FIX acceptor (the demo's loopback), once
 * against QuickFIX/J's example Executor running in a JVM of its own.
 */
@ExtendWith(KafkaFixture.class)
class FixGatewayIT {

  private static final Topic<byte[], DeadLetter> ORDERS_DLQ = Topics.deadLetterOf(Topics.ORDERS_HEDGE);

  @TempDir
  Path dir;

  @Test
  void theFixRouteTradesThePaperVenueOverLoopback() throws Exception {
    String run = createTopicsAndRun();
    String symbol = "FX" + run;
    int port = FixTestKit.freePort();
    Path initiator = FixTestKit.initiatorFile(dir, port, "PAPERVENUE");
    Path acceptor = FixTestKit.write(dir.resolve("venue.cfg"), Files.readString(Path.of("../../deploy/config/fix-paper-venue.cfg"))
        .replace("SocketAcceptPort=9880", "SocketAcceptPort=" + port));
    HedgeOrder stock = TestRecords.order(run + "-stock", symbol, Side.BUY, 30);
    HedgeOrder option = TestRecords.optionOrder(run + "-call", symbol);
    publish(List.of(record(Topics.MD_TICKS, symbol, TestRecords.tick(symbol, 99.5, 100.5)),
        record(Topics.ORDERS_HEDGE, symbol, stock), record(Topics.ORDERS_HEDGE, symbol, option)));

    FixSettings fix = new FixSettings(initiator, dir.resolve("state"), null, null, Duration.ZERO, Duration.ofSeconds(10),
        true, acceptor);
    GatewayConfig config = config(run).withFix(fix);
    List<Fill> fills;
    List<OrderStatus> statuses;
    try (GatewayService gateway = GatewayService.start(config)) {
      fills = decodeAll(Topics.FILLS_HEDGE, read(Topics.FILLS_HEDGE.name(), "fills-" + run, 2, symbol));
      statuses = decodeAll(Topics.ORDERS_STATUS, read(Topics.ORDERS_STATUS.name(), "status-" + run, 4, symbol));
      assertThat(gateway.routeStatus()).startsWith("fix HEDGESTREAM->PAPERVENUE up seq out=");
    }

    assertThat(fills).hasSize(2).allSatisfy(fill -> assertThat(fill.getVenue()).isEqualTo("fix"));
    Fill stockFill = fills.stream().filter(f -> f.getOrderId().equals(stock.getOrderId())).findFirst().orElseThrow();
    assertThat(stockFill.getQuantity()).isEqualTo(30);
    assertThat(stockFill.getPrice()).as("the paper venue's ask").isEqualTo(100.5);
    assertThat(stockFill.getFee()).as("1 bp of the notional, as Commission(12)").isCloseTo(30 * 100.5 * 1e-4, within(1e-9));
    Fill optionFill = fills.stream().filter(f -> f.getOrderId().equals(option.getOrderId())).findFirst().orElseThrow();
    assertThat(optionFill.getInstrument()).isEqualTo(option.getInstrument());
    assertThat(optionFill.getPrice()).as("a Black-Scholes premium of a 30-day ATM call").isBetween(1.0, 5.0);
    assertThat(statuses).extracting(OrderStatus::getStatus)
        .containsExactlyInAnyOrder(OrderState.NEW, OrderState.FILLED, OrderState.NEW, OrderState.FILLED);
    assertThat(statuses).filteredOn(s -> s.getStatus() == OrderState.NEW)
        .allSatisfy(s -> assertThat(s.getVenueOrderId()).startsWith("P"));
  }

  @Test
  void quickFixJsOwnExecutorFillsOrdersOfTheUnderlyingAndOfAnOption() throws Exception {
    String run = createTopicsAndRun();
    String symbol = "EX" + run;
    int port = FixTestKit.freePort();
    Path executorConfig = FixTestKit.write(dir.resolve("executor.cfg"), """
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
        DefaultMarketPrice=100.25
        AlwaysFillLimitOrders=Y
        [session]
        BeginString=FIX.4.4
        SocketAcceptPort=%d
        """.formatted(dir.resolve("executor-store"), port));
    Process executor = startExecutor(executorConfig);
    try {
      HedgeOrder stock = TestRecords.order(run + "-stock", symbol, Side.SELL, 12);
      HedgeOrder option = TestRecords.optionOrder(run + "-call", symbol);
      option.setLimitPrice(3.2);
      publish(List.of(record(Topics.MD_TICKS, symbol, TestRecords.tick(symbol, 100, 100.5)),
          record(Topics.ORDERS_HEDGE, symbol, stock), record(Topics.ORDERS_HEDGE, symbol, option)));
      FixSettings fix = new FixSettings(FixTestKit.initiatorFile(dir, port, "EXEC"), dir.resolve("state"), null, null,
          Duration.ZERO, Duration.ofSeconds(10), false, dir.resolve("unused.cfg"));
      List<Fill> fills;
      List<OrderStatus> statuses;
      try (GatewayService gateway = GatewayService.start(config(run).withFix(fix))) {
        fills = decodeAll(Topics.FILLS_HEDGE, read(Topics.FILLS_HEDGE.name(), "fills-" + run, 2, symbol));
        statuses = decodeAll(Topics.ORDERS_STATUS, read(Topics.ORDERS_STATUS.name(), "status-" + run, 4, symbol));
      }
      assertThat(fills).extracting(Fill::getOrderId, Fill::getQuantity, Fill::getPrice)
          .containsExactlyInAnyOrder(org.assertj.core.api.Assertions.tuple(stock.getOrderId(), 12.0, 100.25),
              org.assertj.core.api.Assertions.tuple(option.getOrderId(), 1.0, 3.2));
      assertThat(statuses).extracting(OrderStatus::getStatus)
          .containsExactlyInAnyOrder(OrderState.NEW, OrderState.FILLED, OrderState.NEW, OrderState.FILLED);
    } finally {
      executor.destroy();
      executor.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** QuickFIX/J 2.3.1's Executor on its own classpath (target/fix-executor), stdin kept open. */
  private Process startExecutor(Path config) throws IOException, InterruptedException {
    String classpath;
    try (Stream<Path> jars = Files.list(Path.of("target/fix-executor"))) {
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

  private static String createTopicsAndRun() {
    KafkaFixture.createTopics(1, List.of(Topics.MD_TICKS.name(), Topics.ORDERS_HEDGE.name(),
        Topics.FILLS_HEDGE.name(), Topics.ORDERS_STATUS.name(), Topics.POLICY_CONTROL.name(), ORDERS_DLQ.name()));
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static GatewayConfig config(String run) {
    Properties props = new Properties();
    props.setProperty("gateway.bootstrap.servers", KafkaFixture.bootstrapServers());
    props.setProperty("gateway.group-id", "gateway-fix-it-" + run);
    props.setProperty("gateway.commit-interval-ms", "100");
    return GatewayConfig.from(props);
  }

  private static <V> List<V> decodeAll(Topic<?, V> topic, List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> records) {
    return records.stream().map(r -> decode(topic, r.value())).toList();
  }
}

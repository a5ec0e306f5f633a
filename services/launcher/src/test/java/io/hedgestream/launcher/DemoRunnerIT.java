package io.hedgestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.launcher.status.StatusSnapshot;
import io.hedgestream.testkit.KafkaFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code hedge demo --duration 20s} end to end, on the test run's shared broker: the feed's orders reach the
 * engine, the engine's hedge orders reach the paper gateway, fills come back and the engine books PnL.
 */
@ExtendWith(KafkaFixture.class)
class DemoRunnerIT {

  @Test
  void ordersFillsAndPnlFlowThroughTheRealBroker() throws Exception {
    Properties props = new Properties();
    props.putAll(DemoConfig.serviceDefaults());
    props.putAll(Map.of(
        "demo.duration", "20s",
        "demo.bootstrap.servers", KafkaFixture.bootstrapServers(),
        "engine.application.id", "demo-it",
        "gateway.group-id", "demo-it-gateway",
        "feed.run-id", "demo-it"));
    StringWriter printed = new StringWriter();

    StatusSnapshot end = new DemoRunner(DemoConfig.from(props), props, new PrintWriter(printed)).run();

    assertThat(end.ticks()).as("ticks").isPositive();
    assertThat(end.clientOrders()).as("client orders").isPositive();
    assertThat(end.decisions()).as("PnL events (decisions)").isPositive();
    assertThat(end.hedgeOrders()).as("hedge orders").isPositive();
    assertThat(end.fills()).as("fills").isPositive();
    assertThat(end.books()).as("books reporting PnL").isPositive();
    assertThat(Double.isFinite(end.cumulativePnl())).as("cumulative PnL is finite").isTrue();
    assertThat(end.deadLetters()).as("dead letters").isZero();
    assertThat(printed.toString()).contains("ticks/s", "hedge demo: stopped");
  }

  @Test
  void theDemoRunsOverARealFixSessionWithRouteFix() throws Exception {
    Properties props = new Properties();
    props.putAll(DemoConfig.serviceDefaults());
    props.putAll(DemoCommand.routeOptions("fix"));
    props.putAll(Map.of(
        "demo.duration", "20s",
        "demo.bootstrap.servers", KafkaFixture.bootstrapServers(),
        "engine.application.id", "demo-fix-it",
        "gateway.group-id", "demo-fix-it-gateway",
        "feed.run-id", "demo-fix-it",
        // Symbols of its own: the other demo's records are on the same topics, and this engine reads them all.
        "feed.symbols", "FIXA,FIXB"));
    StringWriter printed = new StringWriter();

    StatusSnapshot end = new DemoRunner(DemoConfig.from(props), props, new PrintWriter(printed)).run();

    assertThat(end.hedgeOrders()).as("hedge orders").isPositive();
    assertThat(end.fills()).as("fills over FIX").isPositive();
    // No dead-letter check here: this engine (a new application id) also reads the other demo's records on the
    // shared topics from the beginning, and may dead-letter those that contradict its own feed's.
    assertThat(printed.toString()).contains("gateway over FIX 4.4 to the paper venue's acceptor",
        "| fix HEDGESTREAM->PAPERVENUE up seq out=");
  }
}

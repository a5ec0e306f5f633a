package io.hedgestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.ControlCommand;
import io.hedgestream.avro.PolicyControl;
import io.hedgestream.engine.policy.onnx.ModelFiles;
import io.hedgestream.schemas.Topics;
import io.hedgestream.testkit.KafkaFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** {@code hedge control} writes what the engine's control decoder expects, on a real broker. */
@ExtendWith(KafkaFixture.class)
class OperatorCommandIT {

  private final StringWriter out = new StringWriter();

  private int run(String... args) {
    CommandLine cli = HedgeCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    return cli.execute(args);
  }

  @Test
  void activateSendsTheModelsAbsolutePathAndChecksumKillTargetsTheSymbolAndTradingSetsAState() {
    KafkaFixture.createTopics(1, Topics.allNames());
    Path model = ShippedPolicy.locate().orElseThrow();
    String operator = "op-" + UUID.randomUUID();

    assertThat(run("control", "activate", model.toString(), "--symbol", "SPY", "--operator", operator,
        "--bootstrap-servers", KafkaFixture.bootstrapServers())).isZero();
    assertThat(run("control", "kill", "--operator", operator, "--bootstrap-servers",
        KafkaFixture.bootstrapServers())).isZero();
    assertThat(run("control", "trading", "HALTED", "--symbol", "QQQ", "--operator", operator,
        "--bootstrap-servers", KafkaFixture.bootstrapServers())).isZero();
    assertThat(run("control", "trading", "PAUSED", "--operator", operator, "--bootstrap-servers",
        KafkaFixture.bootstrapServers())).as("not a trading state").isNotZero();

    List<ConsumerRecord<byte[], byte[]>> mine = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(KafkaFixture.consumerProps("control-it-" + UUID.randomUUID()))) {
      consumer.subscribe(List.of(Topics.POLICY_CONTROL.name()));
      Instant deadline = Instant.now().plusSeconds(30);
      while (mine.size() < 3 && Instant.now().isBefore(deadline)) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> {
          if (decode(record).getOperator().equals(operator)) {
            mine.add(record);
          }
        });
      }
    }
    assertThat(mine).hasSize(3);
    PolicyControl activate = decode(mine.get(0));
    assertThat(new String(mine.get(0).key(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("SPY");
    assertThat(activate.getCommand()).isEqualTo(ControlCommand.ACTIVATE_MODEL);
    assertThat(activate.getModelPath()).isEqualTo(model.toAbsolutePath().normalize().toString());
    assertThat(activate.getSha256()).isEqualTo(ModelFiles.read(model).sha256());
    PolicyControl kill = decode(mine.get(1));
    assertThat(new String(mine.get(1).key(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("*");
    assertThat(kill.getCommand()).isEqualTo(ControlCommand.KILL_SWITCH);
    PolicyControl halt = decode(mine.get(2));
    assertThat(new String(mine.get(2).key(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("QQQ");
    assertThat(halt.getCommand()).isEqualTo(ControlCommand.SET_TRADING_STATE);
    assertThat(halt.getTradingState()).isEqualTo(io.hedgestream.avro.TradingState.HALTED);
    assertThat(out.toString()).contains("ACTIVATE_MODEL", "sha256 " + activate.getSha256(), "KILL_SWITCH",
        "SET_TRADING_STATE", "HALTED");
  }

  private static PolicyControl decode(ConsumerRecord<byte[], byte[]> record) {
    return Topics.POLICY_CONTROL.valueSerde().deserializer().deserialize(record.topic(), record.value());
  }
}

package io.hedgestream.launcher;

import io.hedgestream.avro.ControlCommand;
import io.hedgestream.avro.PolicyControl;
import io.hedgestream.avro.TradingState;
import io.hedgestream.engine.input.ControlDecoder;
import io.hedgestream.engine.policy.HedgePolicies;
import io.hedgestream.engine.policy.onnx.ModelFiles;
import io.hedgestream.kafka.KafkaClients;
import io.hedgestream.schemas.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hedge control}: operator commands to running engines over {@code policy.control} — activate a model
 * (its sha256 computed here from the file, so the engine can check it is the same file), kill switch,
 * resume, limits — and to the gateways: their trading state. The engines dead-letter a command they refuse on {@code policy.control.dlq}.
 */
@Command(name = "control", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Send an operator command to the engines over policy.control.",
        "Properties: engine.bootstrap.servers (or --bootstrap-servers) and kafka.* (client settings)."})
final class OperatorCommand {

  @Option(names = "--symbol", defaultValue = "*", scope = ScopeType.INHERIT, paramLabel = "SYM|*",
      description = "Symbol the command applies to, or * for every symbol (default *).")
  String symbol;

  @Option(names = "--operator", defaultValue = "${sys:user.name}", scope = ScopeType.INHERIT,
      description = "Who sends the command, recorded with it (default: the OS user).")
  String operator;

  @Spec
  CommandSpec spec;

  /** Used by picocli. */
  OperatorCommand() {}

  @Command(name = "activate", mixinStandardHelpOptions = true,
      description = "Activate a model (a folder holding policy.onnx, or an .onnx file), or delta / none.")
  int activate(@Mixin ConfigOptions config,
      @Parameters(paramLabel = "MODEL", description = "Model folder or .onnx file as the ENGINE host sees it, or "
          + "delta / none.") String model,
      @Option(names = "--expect-version", paramLabel = "V", description = "Pin the model's version (refused if it "
          + "differs).") String version) {
    PolicyControl.Builder command = command(ControlCommand.ACTIVATE_MODEL).setPolicyVersion(version);
    if (HedgePolicies.isBuiltIn(model)) {
      command.setModelPath(model);
    } else {
      Path path = Path.of(model).toAbsolutePath().normalize();
      command.setModelPath(path.toString()).setSha256(ModelFiles.read(path).sha256());
    }
    return send(config, command.build());
  }

  @Command(name = "kill", mixinStandardHelpOptions = true,
      description = "Kill switch: the engines flatten every hedge of the symbol(s) and stop hedging.")
  int kill(@Mixin ConfigOptions config) {
    return send(config, command(ControlCommand.KILL_SWITCH).build());
  }

  @Command(name = "resume", mixinStandardHelpOptions = true, description = "Clear the kill switch.")
  int resume(@Mixin ConfigOptions config) {
    return send(config, command(ControlCommand.RESUME).build());
  }

  @Command(name = "limits", mixinStandardHelpOptions = true, description = "Set pre-trade limits.")
  int limits(@Mixin ConfigOptions config,
      @Option(names = "--max-position", paramLabel = "UNITS") Double maxPosition,
      @Option(names = "--max-order-quantity", paramLabel = "UNITS") Double maxOrderQuantity) {
    Map<String, Double> limits = new LinkedHashMap<>();
    if (maxPosition != null) {
      limits.put(ControlDecoder.MAX_POSITION, maxPosition);
    }
    if (maxOrderQuantity != null) {
      limits.put(ControlDecoder.MAX_ORDER_QUANTITY, maxOrderQuantity);
    }
    if (limits.isEmpty()) {
      throw new IllegalArgumentException("limits needs --max-position and/or --max-order-quantity");
    }
    return send(config, command(ControlCommand.SET_LIMITS).setLimits(limits).build());
  }

  @Command(name = "trading", mixinStandardHelpOptions = true,
      description = {"Set the gateway's trading state of the symbol(s): ACTIVE, REDUCING (only orders that bring "
          + "their book's delta closer to 0, as the engine last reported it on pnl.events) or HALTED (no new orders; the orders the gateway still holds "
          + "are canceled). The stricter of a symbol's state and the * state applies."})
  int trading(@Mixin ConfigOptions config,
      @Parameters(paramLabel = "STATE", description = "ACTIVE, REDUCING or HALTED") TradingState state) {
    return send(config, command(ControlCommand.SET_TRADING_STATE).setTradingState(state).build());
  }

  private PolicyControl.Builder command(ControlCommand kind) {
    return PolicyControl.newBuilder()
        .setCommandId(kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID())
        .setCommand(kind)
        .setOperator(operator)
        .setEventTimeMicros(Instant.now().truncatedTo(ChronoUnit.MICROS));
  }

  private int send(ConfigOptions config, PolicyControl command) {
    Properties props = config.resolve(Map.of(), Map.of());
    String bootstrap = props.getProperty(ServiceProperties.ENGINE_BOOTSTRAP);
    if (bootstrap == null || bootstrap.isBlank()) {
      throw new IllegalArgumentException("--bootstrap-servers (or engine.bootstrap.servers) is required");
    }
    String topic = Topics.POLICY_CONTROL.name();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(KafkaClients.producer(bootstrap, KafkaClients.passThrough(props)))) {
      RecordMetadata sent = producer.send(new ProducerRecord<>(topic,
          Topics.POLICY_CONTROL.keySerde().serializer().serialize(topic, symbol),
          Topics.POLICY_CONTROL.valueSerde().serializer().serialize(topic, command))).get();
      PrintWriter out = spec.commandLine().getOut();
      out.println("hedge control: " + command.getCommand() + " " + command.getCommandId() + " for " + symbol
          + (command.getTradingState() == null ? "" : " " + command.getTradingState())
          + (command.getModelPath() == null ? "" : " model " + command.getModelPath() + " sha256 "
          + command.getSha256()) + " sent to " + topic + "-" + sent.partition() + "@" + sent.offset()
          + "; a refusal appears on " + Topics.deadLetterOf(Topics.POLICY_CONTROL).name());
      out.flush();
      return 0;
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not send to " + topic + " on " + bootstrap + ": " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending to " + topic, e);
    }
  }
}

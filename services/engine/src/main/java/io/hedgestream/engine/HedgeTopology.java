package io.hedgestream.engine;

import io.hedgestream.avro.PolicyControl;
import io.hedgestream.engine.input.ClientOrderDecoder;
import io.hedgestream.engine.input.ControlDecoder;
import io.hedgestream.engine.input.DeadLetterRecord;
import io.hedgestream.engine.input.DecodeProcessor;
import io.hedgestream.engine.input.Decoded;
import io.hedgestream.engine.input.EngineInput;
import io.hedgestream.engine.input.FillDecoder;
import io.hedgestream.engine.input.OrderStatusDecoder;
import io.hedgestream.engine.input.InputLimits;
import io.hedgestream.engine.input.RecordDecoder;
import io.hedgestream.engine.input.TickDecoder;
import io.hedgestream.engine.journal.DecisionJournal;
import io.hedgestream.engine.policy.HedgePolicy;
import io.hedgestream.engine.policy.PolicyRegistry;
import io.hedgestream.engine.processor.BookProcessor;
import io.hedgestream.engine.processor.BroadcastPartitioner;
import io.hedgestream.engine.processor.EngineOutput;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The engine's topology, as one function used by {@link EngineService} and by TopologyTestDriver tests.
 *
 * <pre>
 * md.ticks, orders.client, fills.hedge (raw bytes) -> decode + validate --rejected--> &lt;topic&gt;.dlq
 *                                                        | accepted
 * policy.control (raw) -> decode + validate -> broadcast to every partition (repartition, multicast)
 *                                                        | merged, keyed by symbol
 *                                                   book processor (books, markets, schedules, controls)
 *                                     -> orders.hedge, pnl.events, risk.metrics, &lt;topic&gt;.dlq
 * </pre>
 *
 * <p>All business topics are keyed by symbol and co-partitioned, so one task sees every tick, client
 * order and fill of its symbols and no join is needed. Control commands are the exception: a kill switch
 * for {@code *} must reach every task. A GlobalKTable would reach them, but a global store cannot emit
 * records (so ACTIVATE_MODEL could not be dead-lettered) and its updates are applied outside the task's
 * transaction and stream time. Broadcasting through an internal repartition topic with a multicast
 * partitioner keeps commands in the task's own input stream: ordered with the ticks, exactly-once, and able
 * to flatten books at once. The repartition topic has as many partitions as {@code policy.control}, which
 * must therefore have at least as many partitions as {@code md.ticks} ({@link EngineService} checks).
 */
public final class HedgeTopology {

  private HedgeTopology() {}

  /**
   * Adds the engine to {@code builder} with the policy named in the configuration. A model policy holds a
   * native session for the life of the JVM; to close it, load it with {@link HedgePolicies#named} and pass it.
   *
   * @param builder the builder
   * @param config the engine configuration
   */
  public static void build(StreamsBuilder builder, EngineConfig config) {
    build(builder, config, PolicyRegistry.configured(config.policyName(), config.policyDevice()));
  }

  /**
   * Adds the engine to {@code builder} with the given policy (for studies and tests of other policies).
   *
   * @param builder the builder
   * @param config the engine configuration
   * @param policy the hedge policy
   */
  public static void build(StreamsBuilder builder, EngineConfig config, HedgePolicy policy) {
    build(builder, config, PolicyRegistry.around(policy));
  }

  /**
   * Adds the engine to {@code builder} serving the registry's policies: its configured policy until an
   * operator activates another over {@code policy.control}.
   *
   * @param builder the builder
   * @param config the engine configuration
   * @param policies the policies this engine instance serves (the caller closes the registry)
   */
  public static void build(StreamsBuilder builder, EngineConfig config, PolicyRegistry policies) {
    build(builder, config, policies, DecisionJournal.NONE);
  }

  /**
   * Adds the engine to {@code builder}, appending every decision to {@code journal} ({@link EngineService}
   * opens the journal {@code engine.journal.*} configures; the builds above journal nothing).
   *
   * @param builder the builder
   * @param config the engine configuration
   * @param policies the policies this engine instance serves (the caller closes the registry)
   * @param journal the decision journal, shared by all tasks (the caller closes it)
   */
  public static void build(StreamsBuilder builder, EngineConfig config, PolicyRegistry policies,
      DecisionJournal journal) {
    InputLimits limits = config.inputLimits();
    KStream<String, Decoded> decoded = decoded(builder, Topics.MD_TICKS, () -> new TickDecoder(limits))
        .merge(decoded(builder, Topics.ORDERS_CLIENT, () -> new ClientOrderDecoder(limits)),
            Named.as("merge-client-orders"))
        .merge(decoded(builder, Topics.FILLS_HEDGE, () -> new FillDecoder(limits)), Named.as("merge-fills"))
        .merge(decoded(builder, Topics.ORDERS_STATUS, () -> new OrderStatusDecoder(limits)),
            Named.as("merge-order-statuses"));
    KStream<String, Decoded> control = decoded(builder, Topics.POLICY_CONTROL,
        () -> new ControlDecoder(policies, limits));

    KStream<String, EngineInput> commands = control
        .flatMapValues(HedgeTopology::acceptedCommand, Named.as("accepted-control"))
        .repartition(Repartitioned.<String, PolicyControl>as(BroadcastPartitioner.CONTROL_BROADCAST)
            .withKeySerde(Serdes.String())
            .withValueSerde(Topics.POLICY_CONTROL.valueSerde())
            .withStreamPartitioner(new BroadcastPartitioner<>()))
        .mapValues((target, command) -> new EngineInput.Control(target, command), Named.as("control-input"));

    KStream<String, EngineOutput> outputs = decoded
        .flatMapValues(HedgeTopology::acceptedInput, Named.as("accepted-inputs"))
        .merge(commands, Named.as("merge-control"))
        .process(BookProcessor.supplier(config, policies, journal), Named.as("books"));

    to(outputs, Topics.ORDERS_HEDGE, out -> out instanceof EngineOutput.Order o ? o.order() : null);
    to(outputs, Topics.PNL_EVENTS, out -> out instanceof EngineOutput.Pnl p ? p.event() : null);
    to(outputs, Topics.RISK_METRICS, out -> out instanceof EngineOutput.Risk r ? r.snapshot() : null);
    to(outputs, Topics.REGIME_EVENTS, out -> out instanceof EngineOutput.Regime r ? r.change() : null);

    decoded.flatMapValues(HedgeTopology::rejected, Named.as("rejected-inputs"))
        .merge(control.flatMapValues(HedgeTopology::rejected, Named.as("rejected-control")), Named.as("merge-rejected"))
        .merge(outputs.flatMapValues(out -> out instanceof EngineOutput.Dead d ? List.of(d.deadLetter()) : List.of(),
            Named.as("rejected-by-books")), Named.as("merge-dead-letters"))
        .map((key, dead) -> KeyValue.pair(dead.key(), dead), Named.as("dead-letter-key"))
        .to((key, dead, context) -> dead.topic().name(),
            Produced.with(Serdes.ByteArray(), DeadLetterRecord.serde()).withName("sink-dead-letters"));
  }

  private static KStream<String, Decoded> decoded(StreamsBuilder builder, Topic<String, ?> topic,
      Supplier<RecordDecoder<?>> decoder) {
    Topic<byte[], byte[]> raw = Topics.raw(topic);
    return builder.stream(raw.name(), Consumed.with(raw.keySerde(), raw.valueSerde()).withName("source-" + raw.name()))
        .process(DecodeProcessor.supplier(decoder), Named.as("decode-" + raw.name()));
  }

  private static <V> void to(KStream<String, EngineOutput> outputs, Topic<String, V> topic,
      Function<EngineOutput, V> select) {
    outputs.flatMapValues(out -> {
      V value = select.apply(out);
      return value == null ? List.<V>of() : List.of(value);
    }, Named.as("select-" + topic.name()))
        .to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde()).withName("sink-" + topic.name()));
  }

  private static List<EngineInput> acceptedInput(Decoded decoded) {
    return decoded instanceof Decoded.Accepted accepted ? List.of(accepted.input()) : List.of();
  }

  private static List<PolicyControl> acceptedCommand(Decoded decoded) {
    return decoded instanceof Decoded.Accepted accepted && accepted.input() instanceof EngineInput.Control c
        ? List.of(c.command()) : List.of();
  }

  private static List<DeadLetterRecord> rejected(Decoded decoded) {
    return decoded instanceof Decoded.Rejected rejected ? List.of(rejected.deadLetter()) : List.of();
  }
}

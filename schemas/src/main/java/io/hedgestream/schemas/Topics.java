package io.hedgestream.schemas;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.DeadLetter;
import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OrderStatus;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.PolicyControl;
import io.hedgestream.avro.RegimeChange;
import io.hedgestream.avro.RiskSnapshot;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The registry of HedgeStream topics. Keys are the underlying symbol everywhere, so ticks, client orders
 * and fills of one symbol meet in one stream task; values are Avro single-object encoded.
 */
public final class Topics {

  /** Market data: one {@link MarketTick} per update. */
  public static final Topic<String, MarketTick> MD_TICKS = avro("md.ticks", MarketTick.class);
  /** Client option trades the desk takes the other side of. */
  public static final Topic<String, ClientOrder> ORDERS_CLIENT = avro("orders.client", ClientOrder.class);
  /** Hedge orders the engine sends. */
  public static final Topic<String, HedgeOrder> ORDERS_HEDGE = avro("orders.hedge", HedgeOrder.class);
  /** Executions of hedge orders. */
  public static final Topic<String, Fill> FILLS_HEDGE = avro("fills.hedge", Fill.class);
  /** The life of each hedge order at its venue (since schema v4), published by the gateway with its fills. */
  public static final Topic<String, OrderStatus> ORDERS_STATUS = avro("orders.status", OrderStatus.class);
  /** The per-step ledger of each book. */
  public static final Topic<String, PnlEvent> PNL_EVENTS = avro("pnl.events", PnlEvent.class);
  /** Online risk diagnostics of each book. */
  public static final Topic<String, RiskSnapshot> RISK_METRICS = avro("risk.metrics", RiskSnapshot.class);
  /** Volatility regime transitions per symbol. */
  public static final Topic<String, RegimeChange> REGIME_EVENTS = avro("regime.events", RegimeChange.class);
  /** Operator commands: model activation, kill switch, limits. */
  public static final Topic<String, PolicyControl> POLICY_CONTROL = avro("policy.control", PolicyControl.class);

  /** Every topic that carries business records, in pipeline order. */
  public static final List<Topic<String, ?>> ALL = List.of(
      MD_TICKS, ORDERS_CLIENT, ORDERS_HEDGE, FILLS_HEDGE, ORDERS_STATUS, PNL_EVENTS, RISK_METRICS, REGIME_EVENTS,
      POLICY_CONTROL);

  private Topics() {}

  /** The dead-letter topic of {@code source}: {@code <source>.dlq}, keyed by the source key bytes. */
  public static Topic<byte[], DeadLetter> deadLetterOf(Topic<?, ?> source) {
    return new Topic<>(source.name() + ".dlq", Serdes.ByteArray(), AvroSerde.of(DeadLetter.class));
  }

  /** The same topic read as raw bytes, for consumers that decode themselves and dead-letter failures. */
  public static Topic<byte[], byte[]> raw(Topic<?, ?> source) {
    return new Topic<>(source.name(), Serdes.ByteArray(), Serdes.ByteArray());
  }

  /** Every topic a deployment needs: the business topics and the dead-letter topic of each. */
  public static List<String> allNames() {
    return ALL.stream().flatMap(t -> java.util.stream.Stream.of(t.name(), deadLetterOf(t).name())).toList();
  }

  private static <V extends org.apache.avro.specific.SpecificRecord> Topic<String, V> avro(String name, Class<V> type) {
    Serde<String> keys = Serdes.String();
    return new Topic<>(name, keys, AvroSerde.of(type));
  }
}

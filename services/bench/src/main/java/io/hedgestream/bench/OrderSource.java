package io.hedgestream.bench;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.schemas.Topics;

/**
 * What made a hedge order, as a label {@code REASON policyVersion} (e.g. {@code POLICY bs-delta-mlp-v1@...},
 * {@code FALLBACK delta-bs-v1}): a run with a model shows from these counts that the model, not the fallback,
 * made its orders.
 */
final class OrderSource {

  private OrderSource() {}

  /** The label of an order. */
  static String of(HedgeOrder order) {
    return order.getReason() + " " + order.getPolicyVersion();
  }

  /** The label of an encoded {@code orders.hedge} value. */
  static String of(byte[] value) {
    return of(Topics.ORDERS_HEDGE.valueSerde().deserializer().deserialize(Topics.ORDERS_HEDGE.name(), value));
  }
}

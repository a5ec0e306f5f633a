package io.hedgestream.schemas;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic with the serdes of its keys and values: the only way code names a topic.
 *
 * @param name the topic name
 * @param keySerde serde of record keys (the underlying symbol for every HedgeStream topic)
 * @param valueSerde serde of record values
 * @param <K> key type
 * @param <V> value type
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

  /** Validates that every part is present and the name is a legal Kafka topic name. */
  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
    if (!name.matches("[a-zA-Z0-9._-]{1,249}")) {
      throw new IllegalArgumentException("illegal topic name: " + name);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}

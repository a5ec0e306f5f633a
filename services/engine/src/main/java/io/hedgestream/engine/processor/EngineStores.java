package io.hedgestream.engine.processor;

import io.hedgestream.avro.MarketTick;
import io.hedgestream.engine.EngineConfig;
import io.hedgestream.engine.state.BookSchedule;
import io.hedgestream.engine.state.BookState;
import io.hedgestream.engine.state.ControlState;
import io.hedgestream.engine.state.StateSerdes;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The state stores of the book processor, all keyed by text and backed by changelog topics:
 * <ul>
 *   <li>{@value #BOOKS}: {@code SYMBOL/book} to {@link BookState};</li>
 *   <li>{@value #SCHEDULES}: symbol to {@link BookSchedule}, the books of the symbol and when each is due;</li>
 *   <li>{@value #MARKETS}: symbol to the bytes of its latest valid {@link MarketTick}, exactly as received
 *       (so a tick is never re-encoded; reads decode it with the topic's serde);</li>
 *   <li>{@value #CONTROLS}: symbol or {@code *} to the operator's {@link ControlState} (each task keeps a
 *       copy, since control commands are broadcast to every task).</li>
 * </ul>
 */
public final class EngineStores {

  /** Store of books. */
  public static final String BOOKS = "books";
  /** Store of per-symbol decision schedules (the books-by-symbol index). */
  public static final String SCHEDULES = "books-by-symbol";
  /** Store of the latest tick per symbol. */
  public static final String MARKETS = "markets";
  /** Store of operator controls. */
  public static final String CONTROLS = "controls";

  private EngineStores() {}

  /** Builders of every store, persistent or in memory as configured. */
  public static Set<StoreBuilder<?>> builders(EngineConfig.StoreType type) {
    return Set.of(
        builder(type, BOOKS, StateSerdes.books()),
        builder(type, SCHEDULES, StateSerdes.schedules()),
        builder(type, MARKETS, Serdes.ByteArray()),
        builder(type, CONTROLS, StateSerdes.controls()));
  }

  private static <V> StoreBuilder<KeyValueStore<String, V>> builder(EngineConfig.StoreType type, String name,
      Serde<V> values) {
    KeyValueBytesStoreSupplier supplier = type == EngineConfig.StoreType.MEMORY
        ? Stores.inMemoryKeyValueStore(name)
        : Stores.persistentKeyValueStore(name);
    return Stores.keyValueStoreBuilder(supplier, Serdes.String(), values).withCachingEnabled();
  }
}

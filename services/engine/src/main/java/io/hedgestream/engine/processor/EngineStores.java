package io.hedgestream.engine.processor;

import io.hedgestream.avro.MarketTick;
import io.hedgestream.engine.EngineConfig;
import io.hedgestream.engine.state.BookSchedule;
import io.hedgestream.engine.state.BookDiagnostics;
import io.hedgestream.engine.state.BookState;
import io.hedgestream.engine.state.ControlState;
import io.hedgestream.engine.state.ParkedOrders;
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
 *       copy, since control commands are broadcast to every task);</li>
 *   <li>{@value #ROLLING_DAYS} and {@value #ROLLING_TODAY}: symbol to the completed trading days and to the
 *       current day so far of its {@link io.hedgestream.market.RollingMarketState} (two stores, so that a tick
 *       rewrites a few bytes and only the first tick of a day rewrites the history);</li>
 *   <li>{@value #REGIMES}: symbol to the {@link io.hedgestream.market.RegimeLabel} of its last regime change,
 *       so a restarted task emits a change only on a real transition;</li>
 *   <li>{@value #DIAGNOSTICS}: {@code SYMBOL/book} to the book's cumulative {@link BookDiagnostics}
 *       (t-digests, turnover, moments), kept apart from the book so that a fill does not rewrite it.</li>
 *   <li>{@value #PARKED_ORDERS}: symbol to the client orders stamped after its latest tick (or before its
 *       first) ({@link ParkedOrders}), checked and booked at the first tick at or after their time.</li>
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
  /** Store of each symbol's completed trading days (rolling features). */
  public static final String ROLLING_DAYS = "rolling-days";
  /** Store of each symbol's current trading day so far (rolling features). */
  public static final String ROLLING_TODAY = "rolling-today";

  /** Store of each symbol's last regime change. */
  public static final String REGIMES = "regimes";
  /** Store of each book's cumulative diagnostics. */
  public static final String DIAGNOSTICS = "book-diagnostics";

  /** Store of client orders waiting for a tick of their symbol at or after their time. */
  public static final String PARKED_ORDERS = "client-orders-awaiting-market";

  private EngineStores() {}

  /** Builders of every store, persistent or in memory as configured. */
  public static Set<StoreBuilder<?>> builders(EngineConfig.StoreType type) {
    return Set.of(
        builder(type, BOOKS, StateSerdes.books()),
        builder(type, SCHEDULES, StateSerdes.schedules()),
        builder(type, MARKETS, Serdes.ByteArray()),
        builder(type, CONTROLS, StateSerdes.controls()),
        builder(type, ROLLING_DAYS, StateSerdes.rollingDays()),
        builder(type, ROLLING_TODAY, StateSerdes.rollingToday()),
        builder(type, REGIMES, StateSerdes.regimes()),
        builder(type, DIAGNOSTICS, StateSerdes.diagnostics()),
        builder(type, PARKED_ORDERS, StateSerdes.parkedOrders()));
  }

  private static <V> StoreBuilder<KeyValueStore<String, V>> builder(EngineConfig.StoreType type, String name,
      Serde<V> values) {
    KeyValueBytesStoreSupplier supplier = type == EngineConfig.StoreType.MEMORY
        ? Stores.inMemoryKeyValueStore(name)
        : Stores.persistentKeyValueStore(name);
    return Stores.keyValueStoreBuilder(supplier, Serdes.String(), values).withCachingEnabled();
  }
}

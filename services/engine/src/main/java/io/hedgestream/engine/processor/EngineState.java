package io.hedgestream.engine.processor;

import io.hedgestream.avro.MarketTick;
import io.hedgestream.engine.input.EngineInput;
import io.hedgestream.engine.marking.MarketSnapshot;
import io.hedgestream.engine.state.BookDiagnostics;
import io.hedgestream.engine.state.BookSchedule;
import io.hedgestream.engine.state.BookState;
import io.hedgestream.engine.state.ControlState;
import io.hedgestream.engine.state.ParkedOrders;
import io.hedgestream.market.DailyHistory;
import io.hedgestream.market.DayBar;
import io.hedgestream.market.RegimeLabel;
import io.hedgestream.market.RollingMarketState;
import io.hedgestream.schemas.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Typed access to one task's stores, with write-through caches of the small, hot values (latest market,
 * schedule and controls per symbol) so that a tick which triggers no decision costs one store write and
 * no store read, and decoded books so that a decision decodes nothing. The caches hold only what the
 * stores hold: every change is written through to the store in the same call, and
 * {@link #clearCaches()} drops them whenever processing fails (a half-changed object must not survive),
 * so they are re-read from the stores.
 */
final class EngineState {

  /** Decoded books kept per task (least recently used evicted): a decision then decodes no book. */
  static final int BOOK_CACHE_SIZE = 10_000;

  private final KeyValueStore<String, BookState> books;
  private final KeyValueStore<String, BookSchedule> schedules;
  private final KeyValueStore<String, byte[]> markets;
  private final Deserializer<MarketTick> ticks = Topics.MD_TICKS.valueSerde().deserializer();
  private final KeyValueStore<String, ControlState> controls;
  private final KeyValueStore<String, DailyHistory> rollingDays;
  private final KeyValueStore<String, DayBar> rollingToday;
  private final KeyValueStore<String, RegimeLabel> regimes;
  private final KeyValueStore<String, BookDiagnostics> diagnostics;
  private final KeyValueStore<String, ParkedOrders> parkedOrders;
  private final Map<String, RollingMarketState> rollingCache = new HashMap<>();
  private final Map<String, MarketSnapshot> marketCache = new HashMap<>();
  private final Map<String, BookSchedule> scheduleCache = new HashMap<>();
  /** Whether a symbol has parked client orders: every tick asks, and almost always the answer is no. */
  private final Map<String, Boolean> parkedCache = new HashMap<>();
  private final Map<String, ControlState> controlCache = new HashMap<>();
  private final Map<String, BookState> bookCache = new LinkedHashMap<>(256, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, BookState> eldest) {
      return size() > BOOK_CACHE_SIZE;
    }
  };

  private final Map<String, BookDiagnostics> diagnosticsCache = new LinkedHashMap<>(256, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, BookDiagnostics> eldest) {
      return size() > BOOK_CACHE_SIZE;
    }
  };

  EngineState(ProcessorContext<?, ?> context) {
    books = context.getStateStore(EngineStores.BOOKS);
    schedules = context.getStateStore(EngineStores.SCHEDULES);
    markets = context.getStateStore(EngineStores.MARKETS);
    controls = context.getStateStore(EngineStores.CONTROLS);
    rollingDays = context.getStateStore(EngineStores.ROLLING_DAYS);
    rollingToday = context.getStateStore(EngineStores.ROLLING_TODAY);
    regimes = context.getStateStore(EngineStores.REGIMES);
    diagnostics = context.getStateStore(EngineStores.DIAGNOSTICS);
    parkedOrders = context.getStateStore(EngineStores.PARKED_ORDERS);
  }

  void clearCaches() {
    marketCache.clear();
    scheduleCache.clear();
    controlCache.clear();
    bookCache.clear();
    rollingCache.clear();
    diagnosticsCache.clear();
    parkedCache.clear();
  }

  /** The latest market of a symbol, or null when no valid tick has been seen. */
  MarketSnapshot market(String symbol) {
    MarketSnapshot cached = marketCache.get(symbol);
    if (cached != null) {
      return cached;
    }
    byte[] stored = markets.get(symbol);
    if (stored == null) {
      return null;
    }
    MarketSnapshot snapshot = MarketSnapshot.of(ticks.deserialize(Topics.MD_TICKS.name(), stored));
    marketCache.put(symbol, snapshot);
    return snapshot;
  }

  /** Stores a tick as the latest market of its symbol and returns its snapshot. */
  MarketSnapshot putMarket(EngineInput.Tick tick) {
    MarketSnapshot snapshot = MarketSnapshot.of(tick.tick());
    markets.put(snapshot.symbol(), tick.raw().value());
    marketCache.put(snapshot.symbol(), snapshot);
    return snapshot;
  }

  /** Parks a client order until a tick of its symbol at or after its time. */
  void park(String symbol, ParkedOrders.Parked order) {
    parkAll(symbol, List.of(order));
  }

  /** Parks {@code orders} of {@code symbol} (in one store write), after those already parked; none: nothing. */
  void parkAll(String symbol, List<ParkedOrders.Parked> orders) {
    if (orders.isEmpty()) {
      return;
    }
    ParkedOrders parked = parkedOrders.get(symbol);
    if (parked == null) {
      parked = new ParkedOrders();
    }
    orders.forEach(parked::add);
    parkedOrders.put(symbol, parked);
    parkedCache.put(symbol, Boolean.TRUE);
  }

  /** Whether {@code symbol} has parked client orders. */
  boolean hasParked(String symbol) {
    return parkedCache.computeIfAbsent(symbol, key -> parkedOrders.get(key) != null);
  }

  /** Removes and returns the client orders parked for {@code symbol} (empty when none). */
  List<ParkedOrders.Parked> unpark(String symbol) {
    ParkedOrders parked = parkedOrders.delete(symbol);
    parkedCache.put(symbol, Boolean.FALSE);
    return parked == null ? List.of() : parked.orders();
  }

  /** The rolling state of a symbol (empty before its first tick). */
  RollingMarketState rolling(String symbol) {
    RollingMarketState cached = rollingCache.get(symbol);
    if (cached == null) {
      DailyHistory days = rollingDays.get(symbol);
      cached = RollingMarketState.restore(days == null ? new DailyHistory() : days, rollingToday.get(symbol));
      rollingCache.put(symbol, cached);
    }
    return cached;
  }

  /**
   * Applies an accepted tick to its symbol's rolling state and stores what changed: the current day on
   * every tick, the completed days when the tick starts a new day.
   */
  void updateRolling(String symbol, long tradingDay, double price, double volume) {
    RollingMarketState rolling = rolling(symbol);
    RollingMarketState.Update update = rolling.onTick(tradingDay, price, volume);
    if (update == RollingMarketState.Update.IGNORED) {
      return;
    }
    if (update == RollingMarketState.Update.NEW_DAY && rolling.history().count() > 0) {
      rollingDays.put(symbol, rolling.history());
    }
    rollingToday.put(symbol, rolling.today());
  }

  /** The label of a symbol's last regime change, or null before its first. */
  RegimeLabel lastRegimeChange(String symbol) {
    return regimes.get(symbol);
  }

  void saveRegimeChange(String symbol, RegimeLabel label) {
    regimes.put(symbol, label);
  }

  /** A book's diagnostics, empty before its first step. */
  BookDiagnostics diagnostics(BookState book) {
    BookDiagnostics cached = diagnosticsCache.get(book.storeKey());
    if (cached == null) {
      BookDiagnostics stored = diagnostics.get(book.storeKey());
      cached = stored == null ? new BookDiagnostics() : stored;
      diagnosticsCache.put(book.storeKey(), cached);
    }
    return cached;
  }

  void saveDiagnostics(BookState book, BookDiagnostics value) {
    diagnostics.put(book.storeKey(), value);
    diagnosticsCache.put(book.storeKey(), value);
  }

  /** The schedule of a symbol, or null when it has no books. */
  BookSchedule schedule(String symbol) {
    BookSchedule cached = scheduleCache.get(symbol);
    if (cached == null) {
      cached = schedules.get(symbol);
      if (cached != null) {
        scheduleCache.put(symbol, cached);
      }
    }
    return cached;
  }

  /** The schedule of a symbol, created empty when absent (not stored until saved). */
  BookSchedule scheduleOrNew(String symbol) {
    BookSchedule schedule = schedule(symbol);
    return schedule != null ? schedule : new BookSchedule(symbol);
  }

  void saveSchedule(BookSchedule schedule) {
    schedules.put(schedule.symbol(), schedule);
    scheduleCache.put(schedule.symbol(), schedule);
  }

  /** Symbols of every schedule in this task's store. */
  List<String> scheduledSymbols() {
    List<String> symbols = new ArrayList<>();
    try (KeyValueIterator<String, BookSchedule> all = schedules.all()) {
      while (all.hasNext()) {
        symbols.add(all.next().key);
      }
    }
    return symbols;
  }

  /** A book, or null when it does not exist. */
  BookState book(String book, String symbol) {
    String key = BookState.storeKey(book, symbol);
    BookState cached = bookCache.get(key);
    if (cached == null) {
      cached = books.get(key);
      if (cached != null) {
        bookCache.put(key, cached);
      }
    }
    return cached;
  }

  void saveBook(BookState book) {
    books.put(book.storeKey(), book);
    bookCache.put(book.storeKey(), book);
  }

  /** The control settings of a symbol or of {@code *}. */
  ControlState control(String target) {
    ControlState cached = controlCache.get(target);
    if (cached == null) {
      ControlState stored = controls.get(target);
      cached = stored == null ? ControlState.NONE : stored;
      controlCache.put(target, cached);
    }
    return cached;
  }

  void saveControl(String target, ControlState state) {
    controls.put(target, state);
    controlCache.put(target, state);
  }

  /** Every stored control entry. */
  List<KeyValue<String, ControlState>> allControls() {
    List<KeyValue<String, ControlState>> entries = new ArrayList<>();
    try (KeyValueIterator<String, ControlState> all = controls.all()) {
      all.forEachRemaining(entries::add);
    }
    return entries;
  }
}

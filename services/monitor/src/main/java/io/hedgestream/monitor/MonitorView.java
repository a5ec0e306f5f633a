package io.hedgestream.monitor;

import io.hedgestream.avro.DeadLetter;
import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.OrderState;
import io.hedgestream.avro.OrderStatus;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.PolicyControl;
import io.hedgestream.avro.RegimeChange;
import io.hedgestream.avro.RiskSnapshot;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The desk as the monitor sees it, rebuilt from the topics: books, symbols, trading state, fallbacks and
 * dead letters. The consumer thread writes it; the web threads read snapshots. Every collection is bounded
 * (series compact, recent lists keep their newest entries), so memory does not grow with the run's length.
 */
public final class MonitorView {

  /** How many of the newest dead letters and fallbacks are held for one-click inspection. */
  static final int RECENT = 200;
  private static final int PREVIEW_BYTES = 4096;

  private final int seriesCapacity;
  private final int blotterRows;
  private final Map<String, BookView> books = new TreeMap<>();
  private final Map<String, String> regimeBySymbol = new TreeMap<>();
  private final Map<String, PolicyControl> tradingStateByKey = new TreeMap<>();
  private final Map<String, Boolean> killedByKey = new TreeMap<>();
  private final Map<String, Long> recordsByTopic = new TreeMap<>();
  private final Map<String, Long> fallbacksByGuardrail = new TreeMap<>();
  private final Map<String, Long> rejectsByCode = new TreeMap<>();
  private final Map<String, Map<String, Long>> deadLettersByTopic = new TreeMap<>();
  private final ArrayDeque<Map<String, Object>> recentDeadLetters = new ArrayDeque<>();
  private final ArrayDeque<Map<String, Object>> recentFallbacks = new ArrayDeque<>();
  private long decisions;
  private long fallbacks;
  private long hedgeOrders;
  private long fills;
  private long deadLetters;
  private long version;
  private long latestPnlWrittenAt;

  /**
   * @param seriesCapacity chart rows held per book before compaction
   * @param blotterRows newest orders held per book
   */
  public MonitorView(int seriesCapacity, int blotterRows) {
    this.seriesCapacity = seriesCapacity;
    this.blotterRows = blotterRows;
  }

  synchronized void countRecord(String topic) {
    recordsByTopic.merge(topic, 1L, Long::sum);
    version++;
  }

  /** The Kafka timestamp (ms) of the newest PnL event in the view: how fresh the page is. */
  synchronized void pnlWrittenAt(long timestampMillis) {
    latestPnlWrittenAt = Math.max(latestPnlWrittenAt, timestampMillis);
  }

  synchronized void onPnl(PnlEvent e) {
    BookView book = book(e.getBook(), e.getSymbol());
    book.onPnl(e);
    decisions++;
    if (e.getReason().startsWith(HedgeReason.FALLBACK.name())) {
      fallbacks++;
      String guardrail = Guardrails.of(e.getReason());
      fallbacksByGuardrail.merge(guardrail, 1L, Long::sum);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", e.getDecisionId());
      row.put("book", e.getBook());
      row.put("symbol", e.getSymbol());
      row.put("step", e.getStep());
      row.put("time", e.getEventTimeMicros().toEpochMilli());
      row.put("guardrail", guardrail);
      row.put("reason", e.getReason());
      row.put("policyVersion", e.getPolicyVersion());
      row.put("record", e.toString());
      keepNewest(recentFallbacks, row);
    }
  }

  synchronized void onRisk(RiskSnapshot r) {
    book(r.getBook(), r.getSymbol()).onRisk(r);
  }

  synchronized void onRegime(RegimeChange r) {
    version++;
    regimeBySymbol.put(r.getSymbol(), r.getToRegime());
  }

  synchronized void onOrder(HedgeOrder o) {
    hedgeOrders++;
    book(o.getBook(), o.getSymbol()).onOrder(o);
  }

  synchronized void onFill(Fill f) {
    fills++;
    book(f.getBook(), f.getSymbol()).onFill(f);
  }

  synchronized void onStatus(OrderStatus s) {
    if (s.getStatus() == OrderState.REJECTED) {
      rejectsByCode.merge(s.getReasonCode() == null ? "UNKNOWN" : s.getReasonCode(), 1L, Long::sum);
    }
    book(s.getBook(), s.getSymbol()).onStatus(s);
  }

  synchronized void onControl(String key, PolicyControl c) {
    version++;
    switch (c.getCommand()) {
      case SET_TRADING_STATE -> tradingStateByKey.put(key, c);
      case KILL_SWITCH -> killedByKey.put(key, true);
      case RESUME -> {
        // As the engine: RESUME for * clears every kill switch, for a symbol its own.
        if (key.equals("*")) {
          killedByKey.replaceAll((k, v) -> false);
        }
        killedByKey.put(key, false);
      }
      default -> { }
    }
  }

  synchronized void onDeadLetter(String dlqTopic, int partition, long offset, DeadLetter d) {
    version++;
    deadLetters++;
    deadLettersByTopic.computeIfAbsent(dlqTopic, t -> new TreeMap<>()).merge(d.getErrorType(), 1L, Long::sum);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", dlqTopic + "/" + partition + "/" + offset);
    row.put("topic", dlqTopic);
    row.put("code", d.getErrorType());
    row.put("error", d.getError());
    row.put("service", d.getService());
    row.put("time", d.getFailedAtMicros().toEpochMilli());
    row.put("source", d.getSourceTopic() + "/" + d.getPartition() + "/" + d.getOffset());
    row.put("keyHex", preview(d.getKey()));
    row.put("valueHex", preview(d.getValue()));
    row.put("valueBytes", d.getValue() == null ? 0 : d.getValue().remaining());
    keepNewest(recentDeadLetters, row);
  }

  /** Counts a dead letter whose own record could not be decoded (it still counts, with that code). */
  synchronized void onUndecodableDeadLetter(String dlqTopic, int partition, long offset, String error) {
    deadLetters++;
    deadLettersByTopic.computeIfAbsent(dlqTopic, t -> new TreeMap<>()).merge("UNDECODABLE", 1L, Long::sum);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", dlqTopic + "/" + partition + "/" + offset);
    row.put("topic", dlqTopic);
    row.put("code", "UNDECODABLE");
    row.put("error", error);
    keepNewest(recentDeadLetters, row);
  }

  /** The overview the dashboard's first screen shows, pushed to browsers on every change. */
  public synchronized Map<String, Object> overview() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", version);
    out.put("latestPnlWrittenAt", latestPnlWrittenAt);
    Map<String, Object> totals = new LinkedHashMap<>();
    double pnl = 0;
    for (BookView b : books.values()) {
      pnl += b.latest() == null ? 0 : b.latest().getCumulativePnl();
    }
    totals.put("pnl", pnl);
    totals.put("books", books.size());
    totals.put("decisions", decisions);
    totals.put("fallbacks", fallbacks);
    totals.put("hedgeOrders", hedgeOrders);
    totals.put("fills", fills);
    totals.put("deadLetters", deadLetters);
    out.put("totals", totals);
    out.put("symbols", symbols());
    List<Map<String, Object>> bookRows = new ArrayList<>();
    for (BookView b : books.values()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("book", b.book);
      row.put("symbol", b.symbol);
      row.putAll(pnlSummary(b.latest()));
      row.putAll(riskSummary(b.risk()));
      row.put("orders", b.orders());
      row.put("fills", b.fills());
      bookRows.add(row);
    }
    out.put("books", bookRows);
    out.put("fallbacksByGuardrail", new TreeMap<>(fallbacksByGuardrail));
    out.put("rejectsByCode", new TreeMap<>(rejectsByCode));
    List<Map<String, Object>> dlq = new ArrayList<>();
    deadLettersByTopic.forEach((topic, codes) -> codes.forEach((code, n) ->
        dlq.add(Map.of("topic", topic, "code", code, "count", n))));
    out.put("deadLetters", dlq);
    out.put("recentDeadLetters", summaries(recentDeadLetters, "id", "topic", "code", "error", "time"));
    out.put("recentFallbacks", summaries(recentFallbacks, "id", "book", "step", "time", "guardrail", "reason"));
    out.put("records", new TreeMap<>(recordsByTopic));
    return out;
  }

  /** A book's page, or empty when the monitor has not seen it. */
  public synchronized Optional<Map<String, Object>> book(String book, int chartPoints) {
    BookView b = books.get(book);
    return b == null ? Optional.empty() : Optional.of(b.detail(chartPoints, 30));
  }

  /** A dead letter held for inspection, by its id ({@code <dlq topic>/<partition>/<offset>}). */
  public synchronized Optional<Map<String, Object>> deadLetter(String id) {
    return recentDeadLetters.stream().filter(r -> r.get("id").equals(id)).findFirst().map(LinkedHashMap::new);
  }

  /** A fallback decision held for inspection, by its decision id. */
  public synchronized Optional<Map<String, Object>> fallback(String id) {
    return recentFallbacks.stream().filter(r -> r.get("id").equals(id)).findFirst().map(LinkedHashMap::new);
  }

  /** Changes since start; the web layer pushes only when it moved. */
  public synchronized long version() {
    return version;
  }

  /** Records read from {@code topic} (for metrics and tests). */
  public synchronized long records(String topic) {
    return recordsByTopic.getOrDefault(topic, 0L);
  }

  /** Symbol totals (PnL, Greeks), its trading state: also what the Prometheus gauges read. */
  synchronized List<Map<String, Object>> symbols() {
    Map<String, Map<String, Object>> bySymbol = new TreeMap<>();
    for (BookView b : books.values()) {
      Map<String, Object> row = bySymbol.computeIfAbsent(b.symbol, this::newSymbolRow);
      PnlEvent e = b.latest();
      if (e != null) {
        add(row, "pnl", e.getCumulativePnl());
        add(row, "delta", e.getDelta());
        add(row, "gamma", e.getGamma());
        add(row, "vega", e.getVega());
        add(row, "theta", e.getTheta());
        add(row, "underlying", e.getPositions().getOrDefault(b.symbol, 0.0));
        @SuppressWarnings("unchecked")
        Map<String, Double> series = (Map<String, Double>) row.get("listedPositions");
        e.getPositions().forEach((k, v) -> {
          if (!k.equals(b.symbol)) {
            series.merge(k, v, Double::sum);
          }
        });
        row.put("policyVersion", e.getPolicyVersion());
      }
      RiskSnapshot r = b.risk();
      if (r != null) {
        max(row, "cvar95", r.getCvar95());
        max(row, "var95", r.getVar95());
        if (r.getCumulativeCvar95() != null) {
          max(row, "cumulativeCvar95", r.getCumulativeCvar95());
        }
        if (r.getMaxDrawdown() != null) {
          max(row, "maxDrawdown", r.getMaxDrawdown());
        }
      }
      row.put("books", ((Number) row.get("books")).intValue() + 1);
    }
    return new ArrayList<>(bySymbol.values());
  }

  private Map<String, Object> newSymbolRow(String symbol) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("symbol", symbol);
    row.put("books", 0);
    for (String k : List.of("pnl", "delta", "gamma", "vega", "theta", "underlying")) {
      row.put(k, 0.0);
    }
    row.put("listedPositions", new TreeMap<String, Double>());
    row.put("regime", regimeBySymbol.getOrDefault(symbol, "UNKNOWN"));
    row.put("tradingState", latestOf(tradingStateByKey, symbol)
        .map(c -> c.getTradingState() == null ? "ACTIVE" : c.getTradingState().name()).orElse("ACTIVE"));
    row.put("killSwitch", killedByKey.getOrDefault(symbol, false) || killedByKey.getOrDefault("*", false));
    return row;
  }

  /** The later of the symbol's own command and the command for all symbols ({@code *}). */
  private static Optional<PolicyControl> latestOf(Map<String, PolicyControl> byKey, String symbol) {
    PolicyControl own = byKey.get(symbol);
    PolicyControl all = byKey.get("*");
    if (own == null || all == null) {
      return Optional.ofNullable(own == null ? all : own);
    }
    return Optional.of(!own.getEventTimeMicros().isBefore(all.getEventTimeMicros()) ? own : all);
  }

  static Map<String, Object> pnlSummary(PnlEvent e) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (e == null) {
      return out;
    }
    out.put("time", e.getEventTimeMicros().toEpochMilli());
    out.put("step", e.getStep());
    out.put("spot", e.getSpot());
    out.put("cumulativePnl", e.getCumulativePnl());
    out.put("stepPnl", e.getStepPnl());
    out.put("delta", e.getDelta());
    out.put("gamma", e.getGamma());
    out.put("vega", e.getVega());
    out.put("theta", e.getTheta());
    out.put("regime", e.getRegime());
    out.put("policyVersion", e.getPolicyVersion());
    out.put("reason", e.getReason());
    return out;
  }

  static Map<String, Object> riskSummary(RiskSnapshot r) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (r == null) {
      return out;
    }
    out.put("var95", r.getVar95());
    out.put("cvar95", r.getCvar95());
    out.put("cumulativeVar95", r.getCumulativeVar95());
    out.put("cumulativeCvar95", r.getCumulativeCvar95());
    out.put("maxDrawdown", r.getMaxDrawdown());
    out.put("rollingMaxDrawdown", r.getRollingMaxDrawdown());
    out.put("turnoverRatio", r.getTurnoverRatio());
    out.put("cumulativeTurnoverRatio", r.getCumulativeTurnoverRatio());
    return out;
  }

  private BookView book(String book, String symbol) {
    version++;
    return books.computeIfAbsent(book, b -> new BookView(b, symbol, seriesCapacity, blotterRows));
  }

  private static void keepNewest(ArrayDeque<Map<String, Object>> recent, Map<String, Object> row) {
    recent.addLast(row);
    if (recent.size() > RECENT) {
      recent.removeFirst();
    }
  }

  private static List<Map<String, Object>> summaries(ArrayDeque<Map<String, Object>> recent, String... keys) {
    List<Map<String, Object>> out = new ArrayList<>();
    var it = recent.descendingIterator();
    while (it.hasNext() && out.size() < 50) {
      Map<String, Object> row = it.next();
      Map<String, Object> s = new LinkedHashMap<>();
      for (String k : keys) {
        s.put(k, row.get(k));
      }
      out.add(s);
    }
    return out;
  }

  private static void add(Map<String, Object> row, String key, double v) {
    row.put(key, ((Double) row.get(key)) + v);
  }

  private static void max(Map<String, Object> row, String key, double v) {
    Object old = row.get(key);
    row.put(key, old == null ? v : Math.max((Double) old, v));
  }

  private static String preview(ByteBuffer bytes) {
    if (bytes == null) {
      return null;
    }
    ByteBuffer b = bytes.duplicate();
    byte[] head = new byte[Math.min(b.remaining(), PREVIEW_BYTES)];
    b.get(head);
    return HexFormat.of().formatHex(head) + (bytes.remaining() > PREVIEW_BYTES ? "…" : "");
  }
}

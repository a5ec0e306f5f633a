package io.hedgestream.monitor;

import com.tdunning.math.stats.MergingDigest;
import com.tdunning.math.stats.TDigest;
import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.OrderStatus;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.avro.RiskSnapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the monitor holds of one book, in bounded memory whatever the run's length: the latest ledger line
 * and risk figures, chart series ({@link SeriesBuffer}), regime bands, a t-digest of step PnL for the
 * histogram, PnL by instrument, and the newest orders for the blotter. Not thread-safe: {@link MonitorView}
 * guards it.
 */
final class BookView {

  /** Series columns: cumulative PnL first (the one compaction keeps the shape of). */
  static final List<String> COLUMNS =
      List.of("cumulativePnl", "delta", "gamma", "vega", "theta", "hedgeHolding", "deltaNeutralHolding");
  private static final int MAX_REGIME_BANDS = 2_000;

  final String book;
  final String symbol;
  private final SeriesBuffer series;
  private final ArrayDeque<Object[]> regimeBands = new ArrayDeque<>();
  private final TDigest stepPnl = new MergingDigest(100);
  private final Map<String, double[]> pnlByInstrument = new TreeMap<>();
  private final LinkedHashMap<String, BlotterRow> blotter;
  private double optionPnl;
  private long fills;
  private long orders;
  private PnlEvent latest;
  private RiskSnapshot risk;

  BookView(String book, String symbol, int seriesCapacity, int blotterRows) {
    this.book = book;
    this.symbol = symbol;
    this.series = new SeriesBuffer(seriesCapacity, COLUMNS.size());
    this.blotter = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, BlotterRow> eldest) {
        return size() > blotterRows;
      }
    };
  }

  void onPnl(PnlEvent e) {
    latest = e;
    double seconds = e.getEventTimeMicros().toEpochMilli() / 1000.0;
    double holding = e.getPositions().getOrDefault(symbol, 0.0);
    series.add(seconds, e.getCumulativePnl(), e.getDelta(), e.getGamma(), e.getVega(), e.getTheta(), holding,
        holding - e.getDelta());
    String regime = e.getRegime();
    if (regimeBands.isEmpty() || !regimeBands.peekLast()[1].equals(regime)) {
      regimeBands.addLast(new Object[] {seconds, regime});
      if (regimeBands.size() > MAX_REGIME_BANDS) {
        regimeBands.removeFirst();
      }
    }
    if (Double.isFinite(e.getStepPnl())) {
      stepPnl.add(e.getStepPnl());
    }
    optionPnl += e.getOptionPnl();
    for (Map.Entry<String, Double> h : e.getHedgePnlByInstrument().entrySet()) {
      pnlByInstrument.computeIfAbsent(h.getKey(), k -> new double[2])[0] += h.getValue();
    }
    for (Map.Entry<String, Double> c : e.getCostsByInstrument().entrySet()) {
      pnlByInstrument.computeIfAbsent(c.getKey(), k -> new double[2])[1] += c.getValue();
    }
  }

  void onRisk(RiskSnapshot r) {
    risk = r;
  }

  void onOrder(HedgeOrder o) {
    orders++;
    BlotterRow row = blotter.computeIfAbsent(o.getOrderId(), BlotterRow::new);
    row.time = o.getEventTimeMicros().toEpochMilli();
    row.instrument = o.getInstrument();
    row.side = o.getSide().name();
    row.quantity = o.getQuantity();
    row.limitPrice = o.getLimitPrice();
    row.reason = o.getReason().name();
    if (row.status == null) {
      row.status = "SENT";
    }
  }

  void onFill(Fill f) {
    fills++;
    BlotterRow row = blotter.get(f.getOrderId());
    if (row != null) {
      double notional = row.averagePrice == null ? 0 : row.averagePrice * row.filled;
      row.filled += f.getQuantity();
      row.averagePrice = row.filled == 0 ? null : (notional + f.getPrice() * f.getQuantity()) / row.filled;
      if (row.status.equals("SENT")) {
        row.status = f.getLeavesQuantity() > 0 ? "PARTIALLY_FILLED" : "FILLED";
      }
    }
  }

  void onStatus(OrderStatus s) {
    BlotterRow row = blotter.get(s.getOrderId());
    if (row != null) {
      row.status = s.getStatus().name();
      row.venue = s.getVenue();
      row.statusReason = s.getReasonCode() == null ? null
          : s.getReasonCode() + (s.getReasonText() == null ? "" : " " + s.getReasonText());
    }
  }

  PnlEvent latest() {
    return latest;
  }

  RiskSnapshot risk() {
    return risk;
  }

  long orders() {
    return orders;
  }

  long fills() {
    return fills;
  }

  /** The book's page: latest figures, downsampled series, bands, histogram, attribution, blotter. */
  Map<String, Object> detail(int chartPoints, int histogramBins) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("book", book);
    out.put("symbol", symbol);
    out.put("latest", MonitorView.pnlSummary(latest));
    out.put("risk", MonitorView.riskSummary(risk));
    double[][] rows = series.downsampled(chartPoints);
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("time", rows[0]);
    // A chart needs no more than float precision (7 digits): half the bytes of full doubles on the wire. The
    // exact latest figures are in "latest".
    for (int c = 0; c < COLUMNS.size(); c++) {
      float[] column = new float[rows[c + 1].length];
      for (int i = 0; i < column.length; i++) {
        column[i] = (float) rows[c + 1][i];
      }
      columns.put(COLUMNS.get(c), column);
    }
    out.put("series", columns);
    out.put("pointsHeld", series.size());
    out.put("pointsSeen", series.appended());
    List<Map<String, Object>> bands = new ArrayList<>();
    for (Object[] band : regimeBands) {
      bands.add(Map.of("from", band[0], "regime", band[1]));
    }
    out.put("regimeBands", bands);
    out.put("stepPnlHistogram", histogram(histogramBins));
    Map<String, Object> attribution = new LinkedHashMap<>();
    attribution.put("liability options", Map.of("pnl", optionPnl, "costs", 0.0));
    pnlByInstrument.forEach((k, v) -> attribution.put(k, Map.of("pnl", v[0], "costs", v[1])));
    out.put("pnlByInstrument", attribution);
    out.put("positions", latest == null ? Map.of() : new TreeMap<>(latest.getPositions()));
    List<BlotterRow> rowsNewestFirst = new ArrayList<>(blotter.values());
    java.util.Collections.reverse(rowsNewestFirst);
    out.put("blotter", rowsNewestFirst);
    return out;
  }

  private Map<String, Object> histogram(int bins) {
    Map<String, Object> out = new LinkedHashMap<>();
    long n = stepPnl.size();
    out.put("count", n);
    if (n == 0) {
      out.put("edges", new double[0]);
      out.put("counts", new long[0]);
      return out;
    }
    double lo = stepPnl.quantile(0.005);
    double hi = stepPnl.quantile(0.995);
    if (!(hi > lo)) {
      hi = lo + 1e-9;
    }
    double[] edges = new double[bins + 1];
    long[] counts = new long[bins];
    for (int i = 0; i <= bins; i++) {
      edges[i] = lo + (hi - lo) * i / bins;
    }
    double previous = 0;
    for (int i = 0; i < bins; i++) {
      double cdf = i == bins - 1 ? 1.0 : stepPnl.cdf(edges[i + 1]);
      counts[i] = Math.round((cdf - previous) * n);
      previous = cdf;
    }
    out.put("edges", edges);
    out.put("counts", counts);
    return out;
  }

  /** Iterates the blotter's rows oldest first (for tests). */
  Iterator<BlotterRow> blotterRows() {
    return blotter.values().iterator();
  }

  /** One hedge order as the blotter shows it. Public fields: serialized as they are. */
  public static final class BlotterRow {
    public final String orderId;
    public long time;
    public String instrument;
    public String side;
    public double quantity;
    public Double limitPrice;
    public String reason;
    public String status;
    public double filled;
    public Double averagePrice;
    public String venue;
    public String statusReason;

    BlotterRow(String orderId) {
      this.orderId = orderId;
    }
  }
}

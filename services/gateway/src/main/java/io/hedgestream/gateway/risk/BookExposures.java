package io.hedgestream.gateway.risk;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.PnlEvent;
import io.hedgestream.basics.EpochMicros;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each book holds, as the pre-trade checks see it: the engine's latest {@link PnlEvent} of the book
 * (positions by instrument, delta, vega) plus the orders the gateway sent for the book at or after that
 * report's time (an order of the report's own decision is not in its positions yet). A newer report drops the
 * orders older than it: their fills are in its positions (an order still unfilled at the engine's next
 * decision is then no longer counted). Books are named within their symbol. Reports arrive on the gateway's
 * control thread and orders are checked on its consumer thread: thread-safe.
 */
public final class BookExposures {

  /** An order's effect on its book: signed quantity of its instrument, delta and vega. */
  record Contribution(long eventMicros, String instrument, double quantity, double delta, double vega) {}

  /** A book's exposure: positions by instrument, delta, vega. */
  public record Exposure(Map<String, Double> positions, double delta, double vega) {
    double position(String instrument) {
      return positions.getOrDefault(instrument, 0.0);
    }
  }

  private static final class Book {
    long reportMicros = Long.MIN_VALUE;
    Map<String, Double> positions = Map.of();
    double delta;
    double vega;
    final List<Contribution> sent = new ArrayList<>();
  }

  /** Orders kept per book without a newer report (a book the engine never reports does not grow for ever). */
  static final int MAX_UNREPORTED_ORDERS = 10_000;

  private final Map<String, Book> books = new ConcurrentHashMap<>();

  /** Takes a book's report, unless an older one arrives late. */
  public void onReport(PnlEvent report) {
    Book book = books.computeIfAbsent(key(report.getSymbol(), report.getBook()), k -> new Book());
    long time = EpochMicros.of(report.getEventTimeMicros());
    synchronized (book) {
      if (time < book.reportMicros) {
        return;
      }
      book.reportMicros = time;
      book.positions = Map.copyOf(report.getPositions());
      book.delta = report.getDelta();
      book.vega = report.getVega();
      book.sent.removeIf(order -> order.eventMicros() < time);
    }
  }

  /** Whether the engine has reported the book of {@code order}. */
  public boolean knows(HedgeOrder order) {
    Book book = books.get(key(order.getSymbol(), order.getBook()));
    return book != null && book.reportMicros != Long.MIN_VALUE;
  }

  /** The book's exposure now: its latest report plus the orders sent since (zero for a book never reported). */
  public Exposure of(String symbol, String bookName) {
    Book book = books.get(key(symbol, bookName));
    if (book == null) {
      return new Exposure(Map.of(), 0, 0);
    }
    synchronized (book) {
      Map<String, Double> positions = new HashMap<>(book.positions);
      double delta = book.delta;
      double vega = book.vega;
      for (Contribution order : book.sent) {
        positions.merge(order.instrument(), order.quantity(), Double::sum);
        delta += order.delta();
        vega += order.vega();
      }
      return new Exposure(positions, delta, vega);
    }
  }

  /** The underlying units all books of {@code symbol} hold, orders sent since their reports included. */
  public double symbolPosition(String symbol) {
    double total = 0;
    for (Map.Entry<String, Book> entry : books.entrySet()) {
      if (entry.getKey().startsWith(symbol + '/')) {
        total += of(symbol, entry.getKey().substring(symbol.length() + 1)).position(symbol);
      }
    }
    return total;
  }

  /** Records an order sent, with its effect on its book. */
  void sent(HedgeOrder order, Contribution contribution) {
    Book book = books.computeIfAbsent(key(order.getSymbol(), order.getBook()), k -> new Book());
    synchronized (book) {
      book.sent.add(contribution);
      if (book.sent.size() > MAX_UNREPORTED_ORDERS) {
        book.sent.remove(0);
      }
    }
  }

  private static String key(String symbol, String book) {
    return symbol + '/' + book;
  }
}

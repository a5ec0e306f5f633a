package io.hedgestream.engine.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The books of one symbol and when each must next be decided (event time, epoch microseconds). Kept apart
 * from the books so that a tick can find the books it must decide without reading any of them.
 *
 * <p>{@link #NOW} means "at the next tick" (a client order or kill that arrived before any market);
 * {@link #DORMANT} means "only when something new arrives" (a flat book).
 */
public final class BookSchedule {

  /** Decide at the next tick. */
  public static final long NOW = Long.MIN_VALUE;
  /** Do not decide until a new input arrives. */
  public static final long DORMANT = Long.MAX_VALUE;

  private final String symbol;
  private final TreeMap<String, Long> nextDue = new TreeMap<>();
  private long earliest = DORMANT;

  /** Creates an empty schedule. */
  public BookSchedule(String symbol) {
    this.symbol = Objects.requireNonNull(symbol, "symbol");
  }

  /** The symbol. */
  public String symbol() {
    return symbol;
  }

  /** Sets when {@code book} is next due. */
  public void schedule(String book, long dueMicros) {
    Long previous = nextDue.put(book, dueMicros);
    if (dueMicros < earliest) {
      earliest = dueMicros;
    } else if (previous != null && previous == earliest) {
      earliest = nextDue.values().stream().mapToLong(Long::longValue).min().orElse(DORMANT);
    }
  }

  /** True when some book is due at {@code nowMicros}: one comparison for the common tick. */
  public boolean anyDue(long nowMicros) {
    return earliest <= nowMicros;
  }

  /** Books due at {@code nowMicros}, in book-id order. */
  public List<String> dueAt(long nowMicros) {
    if (!anyDue(nowMicros)) {
      return List.of();
    }
    List<String> due = new ArrayList<>();
    for (Map.Entry<String, Long> entry : nextDue.entrySet()) {
      if (entry.getValue() <= nowMicros) {
        due.add(entry.getKey());
      }
    }
    return due;
  }

  /** Every book of the symbol, in id order. */
  public List<String> books() {
    return List.copyOf(nextDue.keySet());
  }

  /** The schedule as book id to due time (read-only view). */
  public Map<String, Long> entries() {
    return Collections.unmodifiableMap(nextDue);
  }

  void writeTo(StateWriter out) {
    out.writeString(symbol);
    out.writeInt(nextDue.size());
    for (Map.Entry<String, Long> entry : nextDue.entrySet()) {
      out.writeString(entry.getKey());
      out.writeLong(entry.getValue());
    }
  }

  static BookSchedule readFrom(StateReader in) {
    BookSchedule schedule = new BookSchedule(in.readString());
    for (int i = in.readCount(); i > 0; i--) {
      schedule.schedule(in.readString(), in.readLong());
    }
    return schedule;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BookSchedule that && symbol.equals(that.symbol) && nextDue.equals(that.nextDue);
  }

  @Override
  public int hashCode() {
    return Objects.hash(symbol, nextDue);
  }

  @Override
  public String toString() {
    return "BookSchedule[" + symbol + " " + nextDue + "]";
  }
}

package io.hedgestream.engine.state;

import io.hedgestream.market.DailyHistory;
import io.hedgestream.market.DayBar;
import io.hedgestream.market.RegimeLabel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Serdes of the engine's internal state: a compact hand-written binary layout (a format byte, then the
 * fields in a fixed order, doubles as raw IEEE-754 bits), chosen over Avro because a book is rewritten
 * on every decision and fill and must round-trip exactly. The format byte lets a later engine read this
 * layout and migrate it; an unknown format fails loudly instead of being misread.
 */
public final class StateSerdes {

  /** Layout version of every state value written by this engine. */
  static final int FORMAT = 1;

  private StateSerdes() {}

  /** Serde of {@link BookState}. */
  public static Serde<BookState> books() {
    return serde(4096, BookState::writeTo, BookState::readFrom);
  }

  /** Serde of {@link BookSchedule}. */
  public static Serde<BookSchedule> schedules() {
    return serde(256, BookSchedule::writeTo, BookSchedule::readFrom);
  }

  /** Serde of {@link ControlState}. */
  public static Serde<ControlState> controls() {
    return serde(64, ControlState::writeTo, ControlState::readFrom);
  }

  /** Serde of a symbol's completed trading days ({@link RollingStateCodec}). */
  public static Serde<DailyHistory> rollingDays() {
    return serde(4096, RollingStateCodec::writeHistory, RollingStateCodec::readHistory);
  }

  /** Serde of a symbol's current trading day so far ({@link RollingStateCodec}). */
  public static Serde<DayBar> rollingToday() {
    return serde(32, RollingStateCodec::writeToday, RollingStateCodec::readToday);
  }

  /** Serde of a book's {@link BookDiagnostics}. */
  public static Serde<BookDiagnostics> diagnostics() {
    return serde(4096, BookDiagnostics::writeTo, BookDiagnostics::readFrom);
  }

  /** Serde of a symbol's {@link ParkedOrders}. */
  public static Serde<ParkedOrders> parkedOrders() {
    return serde(256, ParkedOrders::writeTo, ParkedOrders::readFrom);
  }

  /** Serde of a symbol's current regime label ({@link RegimeStateCodec}). */
  public static Serde<RegimeLabel> regimes() {
    return serde(32, RegimeStateCodec::write, RegimeStateCodec::read);
  }

  private static <T> Serde<T> serde(int sizeHint, BiConsumer<T, StateWriter> write, Function<StateReader, T> read) {
    // The largest value written so far sizes the next buffer, so a big book is not regrown on every write.
    AtomicInteger largest = new AtomicInteger(sizeHint);
    return Serdes.serdeFrom(
        (topic, value) -> {
          if (value == null) {
            return null;
          }
          StateWriter out = new StateWriter(largest.get());
          out.writeByte(FORMAT);
          write.accept(value, out);
          byte[] bytes = out.toByteArray();
          if (bytes.length > largest.get()) {
            largest.set(bytes.length);
          }
          return bytes;
        },
        (topic, bytes) -> {
          if (bytes == null) {
            return null;
          }
          StateReader in = new StateReader(bytes);
          int format = in.readByte();
          if (format != FORMAT) {
            throw new SerializationException("engine state format " + format + " is not " + FORMAT
                + ": written by a different engine version");
          }
          T value = read.apply(in);
          in.expectEnd();
          return value;
        });
  }
}

package io.hedgestream.engine.state;

import io.hedgestream.market.DailyHistory;
import io.hedgestream.market.DayBar;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The binary layout of a symbol's rolling market state ({@link io.hedgestream.market.RollingMarketState}),
 * stored in two parts so that a tick rewrites only the small one: the completed days (rewritten once a
 * day) and the current day (rewritten on every tick). Doubles as raw bits, so a restored state computes
 * exactly the features the original did.
 */
final class RollingStateCodec {

  private RollingStateCodec() {}

  /** Completed days: count, then the closes, then the volumes, oldest first. */
  static void writeHistory(DailyHistory history, StateWriter out) {
    double[] closes = history.closes();
    double[] volumes = history.volumes();
    out.writeInt(closes.length);
    for (double close : closes) {
      out.writeDouble(close);
    }
    for (double volume : volumes) {
      out.writeDouble(volume);
    }
  }

  static DailyHistory readHistory(StateReader in) {
    int count = in.readCount();
    if (count > DailyHistory.CAPACITY) {
      throw new SerializationException("corrupt rolling state: " + count + " days, at most " + DailyHistory.CAPACITY);
    }
    double[] closes = new double[count];
    double[] volumes = new double[count];
    for (int i = 0; i < count; i++) {
      closes[i] = in.readDouble();
    }
    for (int i = 0; i < count; i++) {
      volumes[i] = in.readDouble();
    }
    return DailyHistory.of(closes, volumes);
  }

  /** The current day: epoch day, close so far, volume so far. */
  static void writeToday(DayBar today, StateWriter out) {
    out.writeLong(today.day());
    out.writeDouble(today.close());
    out.writeDouble(today.volume());
  }

  static DayBar readToday(StateReader in) {
    return new DayBar(in.readLong(), in.readDouble(), in.readDouble());
  }
}

package io.hedgestream.engine.state;

import io.hedgestream.market.LiquidityTag;
import io.hedgestream.market.RegimeLabel;
import io.hedgestream.market.VolRegime;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The binary layout of a symbol's current {@link RegimeLabel} (store {@code regimes}): regime ordinal,
 * liquidity ordinal, realised vol, Amihud value (raw bits). Written only when the label changes.
 */
final class RegimeStateCodec {

  private RegimeStateCodec() {}

  static void write(RegimeLabel label, StateWriter out) {
    out.writeByte(label.regime().ordinal());
    out.writeByte(label.liquidity().ordinal());
    out.writeDouble(label.realizedVol20d());
    out.writeDouble(label.amihud20d());
  }

  static RegimeLabel read(StateReader in) {
    int regime = in.readByte();
    int liquidity = in.readByte();
    if (regime >= VolRegime.values().length || liquidity >= LiquidityTag.values().length) {
      throw new SerializationException("corrupt regime state: " + regime + "/" + liquidity);
    }
    return new RegimeLabel(VolRegime.values()[regime], LiquidityTag.values()[liquidity], in.readDouble(),
        in.readDouble());
  }
}

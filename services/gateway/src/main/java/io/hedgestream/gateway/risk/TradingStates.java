package io.hedgestream.gateway.risk;

import io.hedgestream.avro.TradingState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's trading state per symbol and overall ({@link #ALL}), set by {@code SET_TRADING_STATE} on
 * {@code policy.control}. The stricter of a symbol's own state and the overall one applies
 * (ACTIVE &lt; REDUCING &lt; HALTED); a symbol never set is ACTIVE. The gateway's consumer thread sets them;
 * any thread may read them.
 */
public final class TradingStates {

  /** The key that addresses every symbol. */
  public static final String ALL = "*";

  private final Map<String, TradingState> states = new ConcurrentHashMap<>();

  /**
   * Sets the state of a symbol, or of every symbol for {@link #ALL}.
   *
   * @return whether the key moved into HALTED (its held orders are to be canceled)
   */
  public boolean set(String key, TradingState state) {
    TradingState before = states.put(key, state);
    return state == TradingState.HALTED && before != TradingState.HALTED;
  }

  /** The state that applies to {@code symbol}. */
  public TradingState effective(String symbol) {
    TradingState own = states.getOrDefault(symbol, TradingState.ACTIVE);
    TradingState all = states.getOrDefault(ALL, TradingState.ACTIVE);
    return own.ordinal() >= all.ordinal() ? own : all;
  }

  /** Every state set so far, for the status line ({@code *=HALTED, SPY=REDUCING}); empty when none. */
  public String describe() {
    return states.entrySet().stream().filter(e -> e.getValue() != TradingState.ACTIVE)
        .map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(java.util.stream.Collectors.joining(", "));
  }
}

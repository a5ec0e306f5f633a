/**
 * Per-symbol market state kept with trailing windows only: the daily closes and volumes of a symbol and
 * the feature contract's {@code rolling} features computed from them ({@code ret_1d},
 * {@code realized_vol_20d}, {@code drawdown}, {@code momentum_20d}, {@code cvar95_20d},
 * {@code amihud_20d}; see {@code schemas/policy/features.json}).
 *
 * <p>This is the one Java implementation the engine, the replay and the tests use. It is pure (no Kafka):
 * the engine keeps a {@link io.hedgestream.market.RollingMarketState} per symbol in a state store and
 * feeds it every accepted tick. It is also where the regime tag (20-day realised-vol bands, Amihud
 * quartiles) will read its inputs from.
 */
package io.hedgestream.market;

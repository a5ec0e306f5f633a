/**
 * Per-symbol market state kept with trailing windows only: the daily closes and volumes of a symbol and
 * the feature contract's {@code rolling} features computed from them ({@code ret_1d},
 * {@code realized_vol_20d}, {@code drawdown}, {@code momentum_20d}, {@code cvar95_20d},
 * {@code amihud_20d}; see {@code schemas/policy/features.json}).
 *
 * <p>This is the one Java implementation the engine, the replay and the tests use. It is pure (no Kafka):
 * the engine keeps a {@link io.hedgestream.market.RollingMarketState} per symbol in a state store and
 * feeds it every accepted tick. The regime labels read their inputs from it:
 * {@link io.hedgestream.market.RegimeLabel} (the {@link io.hedgestream.market.VolRegime} band of
 * {@code realized_vol_20d} and the {@link io.hedgestream.market.LiquidityTag} of {@code amihud_20d} among
 * the {@link io.hedgestream.market.AmihudQuartiles} of the symbol's own completed days).
 */
package io.hedgestream.market;

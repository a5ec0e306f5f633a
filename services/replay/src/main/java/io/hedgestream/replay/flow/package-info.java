/**
 * Liability flows: the client orders a replay books at each close (the desk takes the other side, so a
 * client buy is a desk short). {@link io.hedgestream.replay.flow.HirmRollFlow} (short an ATM 60-day call
 * rolled daily), {@link io.hedgestream.replay.flow.PoissonFlow} (random ATM calls),
 * {@link io.hedgestream.replay.flow.FixedBookFlow} (trades from a file). Premiums are Black–Scholes at the
 * close tick's vol, rate and dividend yield.
 */
package io.hedgestream.replay.flow;

/**
 * {@code hedge replay run}: a historical window through the real engine and paper gateway over a real
 * broker, in lockstep (one day at a time, fills booked before the next decision), and the results table
 * (per regime and overall: mean, std, VaR95, CVaR95, max drawdown, turnover ratio, efficiency) with its
 * JSON and a PNG of cumulative PnL with regime bands. The conventions the trainer's historical-window
 * environment must follow are in {@code services/replay/README.md}.
 */
package io.hedgestream.launcher.replayrun;

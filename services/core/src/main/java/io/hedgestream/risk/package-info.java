/**
 * Risk statistics of profit and loss streams, such as the rolling mean, standard deviation, VaR95 and
 * CVaR95 of step PnL that the engine publishes on {@code risk.metrics}.
 */
package io.hedgestream.risk;

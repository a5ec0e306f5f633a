/**
 * The SABR options-book scenario of the trainer's environment ({@code hedgetrain.rl.env.SabrBookEnv}):
 * its settings, the SABR market on a daily grid (ANADDH appendix A.2-A.5, the discretisation of
 * {@code simulate_sabr_market}) and the ATM client calls of its Poisson book.
 */
package io.hedgestream.feed.sabr;

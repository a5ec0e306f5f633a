/**
 * Order routing: the gateway consumes {@code orders.hedge}, validates and de-duplicates each order, hands
 * it to an {@link io.hedgestream.gateway.OrderRoute} and publishes the route's executions to
 * {@code fills.hedge}, and the life of every routed order, through its
 * {@link io.hedgestream.gateway.OrderLifecycle} state machine, to {@code orders.status} (in the same
 * transaction as the fills).
 *
 * <p>The built-in route is the {@link io.hedgestream.gateway.PaperExchange}, which fills against the
 * latest {@code md.ticks} quote; a FIX 4.4 route to an external OMS is meant to be a second
 * implementation of the same interface. Everything the gateway cannot accept goes to the source topic's
 * dead-letter topic with a reason code (see {@link io.hedgestream.gateway.Rejection}); a valid order its
 * route refuses is also reported REJECTED on {@code orders.status} with that code, so the engine hedges again.
 */
package io.hedgestream.gateway;

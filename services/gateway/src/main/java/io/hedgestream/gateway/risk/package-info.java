/**
 * Pre-trade risk in the gateway, for every route: {@link io.hedgestream.gateway.risk.PreTradeLimits} (the
 * {@code gateway.risk.*} settings), {@link io.hedgestream.gateway.risk.PreTradeRisk} (the checks) and
 * {@link io.hedgestream.gateway.risk.RiskCheckedRoute} (a route that checks each order before its inner
 * route sees it). Refused orders are reported REJECTED on {@code orders.status} with a
 * {@link io.hedgestream.gateway.risk.RiskCode}.
 */
package io.hedgestream.gateway.risk;

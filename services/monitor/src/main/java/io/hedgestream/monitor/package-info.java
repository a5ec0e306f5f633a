/**
 * The monitor service ({@code hedge monitor}, and inside {@code hedge demo}): a read-only consumer of the desk's
 * output topics that rebuilds a bounded view of every book ({@link io.hedgestream.monitor.MonitorView}), serves
 * it as a live web dashboard (Javalin, uPlot from its WebJar, server-sent events) and exports it, with its own
 * health, as Prometheus metrics.
 */
package io.hedgestream.monitor;

/**
 * Replay windows: named study periods ({@link io.hedgestream.replay.window.NamedWindows}) and any
 * {@code --from/--to} range, each a list of contiguous date segments.
 */
package io.hedgestream.replay.window;

/**
 * The historical data that replay reads, loaded and validated: one loader per file format
 * ({@link io.hedgestream.replaydata.DailyBarLoader} for daily OHLCV, {@link io.hedgestream.replaydata.RateSeriesLoader}
 * for FRED-style rate series, {@link io.hedgestream.replaydata.OptionChainLoader} for an option-chain snapshot),
 * each checking the file against its committed {@link io.hedgestream.replaydata.DatasetManifest} (columns,
 * span, row count, sha256), and {@link io.hedgestream.replaydata.DataDirectory}, which finds the files.
 *
 * <p>The data files are third-party and never part of the project; {@code replay-data/README.md} says how to
 * obtain each one. A file that fails validation raises a {@link io.hedgestream.replaydata.DataValidationException}
 * naming the file and what differs: loading is the edge where bad data is refused, before anything streams.
 */
package io.hedgestream.replaydata;

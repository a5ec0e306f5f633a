package io.hedgestream.replaydata;

import java.time.LocalDate;

/**
 * One contract of an option-chain snapshot. Empty quote fields are NaN.
 *
 * @param snapshotDate the day of the snapshot
 * @param contract the OCC symbol
 * @param underlying the underlying symbol
 * @param call true for a call, false for a put
 * @param expiry the expiry date
 * @param strike the strike, &gt; 0
 * @param bid the bid (NaN when absent; 0 happens)
 * @param ask the ask
 * @param last the last trade price
 * @param volume contracts traded that day
 * @param openInterest open interest
 * @param impliedVol the provider's implied vol, decimal
 * @param underlyingPrice the underlying reference price
 */
public record OptionQuote(LocalDate snapshotDate, String contract, String underlying, boolean call,
    LocalDate expiry, double strike, double bid, double ask, double last, double volume, double openInterest,
    double impliedVol, double underlyingPrice) {}

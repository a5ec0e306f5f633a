package io.hedgestream.replay.flow;

import io.hedgestream.avro.OptionType;
import java.time.LocalDate;

/**
 * One row of a fixed book file.
 *
 * @param tradeDate the day it is booked (at the first close on or after it); null = the replay's first close
 * @param type call or put
 * @param strike the strike; NaN = at the money (the booking close, on the strike grid)
 * @param expiryDate the expiry date (16:00 New York), or null when {@code tenorDays} is used
 * @param tenorDays calendar days from the booking day to expiry when {@code expiryDate} is null
 * @param quantity contracts the client buys (+) or sells (−), never 0
 * @param multiplier underlying units per contract
 * @param line the file line, for messages
 */
public record BookTrade(LocalDate tradeDate, OptionType type, double strike, LocalDate expiryDate, int tenorDays,
    double quantity, double multiplier, int line) {}

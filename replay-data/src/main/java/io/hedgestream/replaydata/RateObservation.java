package io.hedgestream.replaydata;

import java.time.LocalDate;

/**
 * One observation of a rate series as published, e.g. DTB3 in percent on a bank-discount basis.
 *
 * @param date the observation date
 * @param percent the published value in percent (may be 0 or slightly negative)
 */
public record RateObservation(LocalDate date, double percent) {}

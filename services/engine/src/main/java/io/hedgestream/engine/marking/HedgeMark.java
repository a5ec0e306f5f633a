package io.hedgestream.engine.marking;

/**
 * A listed option series held as a hedge, marked: the family it was resolved for and its mark (whose
 * {@code deskQuantity} is the contracts held).
 *
 * @param family the contract family, e.g. {@code CALL_ATM_30D}
 * @param mark the series' mark
 */
public record HedgeMark(String family, OptionMark mark) {}

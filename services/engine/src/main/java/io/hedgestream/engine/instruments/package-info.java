/**
 * Listed-option hedge instruments: the contract's option families ({@code <CALL|PUT>_ATM_<N>D}), the
 * engine's rules for them (strike grid, expiry time, multiplier, roll threshold), the resolution of a
 * family to a concrete listed series, and the translation of a policy's family targets into targets of
 * concrete instrument ids (rolling a book's sticky series when it gets too short).
 */
package io.hedgestream.engine.instruments;

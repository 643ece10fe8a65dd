/**
 * Tests hash PINs with this count, passed to hashPin explicitly: 600,000 iterations
 * (PIN_ITERATIONS) cost about half a second per derivation, and a suite signs in dozens of
 * times. The count travels with each hash ([T4]), so verifying such a hash is as cheap.
 * Only tests import this; no server configuration can lower the production count.
 */
export const TEST_PIN_ITERATIONS = 1000;

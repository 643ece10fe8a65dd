/** Test support for screens: taps as a finger makes them, by test id (no app or database behind it). */
import { fireEvent, screen } from '@testing-library/preact';

/** Taps the elements with these test ids, in order. */
export const press = (...ids: string[]): void => ids.forEach((id) => fireEvent.click(screen.getByTestId(id)));

/** The people area: PIN pad, signing with a PIN, badge sign-in, idle sign-out. */
export { BadgeSignIn, type BadgeSignInProps } from './badge-sign-in.tsx';
export { createPinAttempts, LOCKOUT_MS, MAX_WRONG_PINS, sharedPinAttempts, type PinAttempts } from './pin-attempts.ts';
export { PinPad, type PinPadProps } from './pin-pad.tsx';
export { SignWithPin, type SignWithPinProps } from './sign-with-pin.tsx';
export { IDLE_CHECK_MS, useIdleSignOut, type IdleSignOutOptions } from './use-idle-sign-out.ts';

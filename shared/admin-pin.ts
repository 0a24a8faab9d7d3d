// The admin PIN's length, for the bridge schema, `npm run kiosk -- hash-pin` and the PIN pad. At
// least 6 digits: a million PINs against the escalating lockout. Free of zod, so the renderer can
// import it without pulling the schemas into its bundle.
export const ADMIN_PIN_DIGITS = { min: 6, max: 12 } as const;

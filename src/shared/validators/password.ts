/**
 * The password rule as the registration form states it (once) and the server enforces it (shared/api/auth.ts), in a
 * module without zod so that the form can check it without loading the schema library.
 */
export const PASSWORD_MIN = 10;
export const isPasswordShapeOk = (p: string) => p.length >= PASSWORD_MIN && /[A-Za-z]/.test(p) && /\d/.test(p);

// Input from a request that ends in a response header, such as a redirect's Location. A header
// cannot carry control characters: Node refuses them with an exception (a 500), and browsers drop
// tabs and newlines from a Location, going somewhere other than the address that was checked. Such
// values are refused here, in one way, before they reach a header.
import type { Context } from 'hono';
import { ApiError } from './errors.ts';

const CONTROL = /[\u0000-\u001f\u007f]/;

/** The value unchanged, or a 400 naming the field when it holds control characters. */
export function headerSafe(value: string, field: string): string {
  if (CONTROL.test(value)) throw new ApiError(400, `${field} must not contain control characters`);
  return value;
}

/** Every redirect of the HTTP door goes through here: its address may hold the request's input. */
export function redirectTo(c: Context, location: string): Response {
  return c.redirect(headerSafe(location, 'The address to redirect to'));
}

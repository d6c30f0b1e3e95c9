// JSON printed to a terminal: `git ai prompt` shows diff text and file names as they are sent, and JSON.stringify
// escapes only the C0 controls, so an 8-bit CSI (U+009B) or an RLO in a file name would reach the terminal raw.

/** What a terminal would act on or draw out of order, beyond the C0 controls JSON.stringify escapes itself. */
const UNSAFE_IN_JSON =
  /[\x7f-\x9f\xad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb]|\u034f|\u17b4|\u17b5|\udb40[\udc00-\udc7f]/g;

const escapeUnit = (unit: string): string => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `JSON.stringify(value, null, 2)` with those characters written as `\uXXXX` escapes: the same JSON value, safe to print. */
export function toTerminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE_IN_JSON, (match) => match.split('').map(escapeUnit).join(''));
}

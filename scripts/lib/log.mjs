// Step-by-step console output shared by the scripts.
const colour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (colour ? `\x1b[${code}m${text}\x1b[0m` : text);

export const log = {
  step: (text) => console.log(paint("1;36", `==> ${text}`)),
  info: (text) => console.log(`    ${text}`),
  ok: (text) => console.log(paint("32", `    ${text}`)),
  warn: (text) => console.warn(paint("33", `    ${text}`)),
  error: (text) => console.error(paint("1;31", `!!! ${text}`)),
};

/** An error whose message is meant for the person at the terminal: printed alone, without a stack trace. */
export class UserError extends Error {}

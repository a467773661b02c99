const SAFE = /^[\w@%+=:,./-]+$/;

/** One argument as a POSIX shell would need it written: bare when safe, else in single quotes. */
export function shellQuote(arg: string): string {
  if (arg !== "" && SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** An argv as one shell-like line, so that splitting it like a shell gives the argv back. */
export function argvToShell(argv: readonly string[]): string {
  return argv.map(shellQuote).join(" ");
}

/** Bad usage or unreadable input: the CLI prints the message as one line on stderr and exits with status 2. */
export class CliError extends Error {}

export function fail(message: string): never {
  throw new CliError(message);
}

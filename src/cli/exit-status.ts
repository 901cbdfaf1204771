/**
 * Exit status of a usage error (unknown command or option, missing argument), as docs/cli.md says. Kept
 * apart from main.ts, which runs the command line when imported.
 */
export const EXIT_USAGE = 2;

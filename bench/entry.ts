// Lets each benchmark file run alone (`npx tsx bench/p1.ts`): runs it, prints its figures, fails on a missed goal.
import { fileURLToPath } from 'node:url';

export function runIfMain<R>(url: string, run: () => Promise<R>, print: (result: R) => boolean): void {
  if (process.argv[1] !== fileURLToPath(url)) return;
  run()
    .then((result) => {
      if (!print(result)) process.exitCode = 1;
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}

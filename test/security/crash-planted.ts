/**
 * TEST-ONLY: the "answer before commit" bug that the crash harness must catch (issue 8, item 2).
 *
 * It is an esbuild plugin applied only when test/security/crash.test.ts bundles a second, planted copy
 * of the server into a temporary directory. Production code has no hook, flag or environment variable
 * for it: the bug exists only in that temporary bundle.
 *
 * The planted receipt handler sends its 201 from inside the transaction, then holds the commit for a
 * minute. The harness kills the process with SIGKILL the moment the acknowledgement reaches the client,
 * so every such cycle deterministically loses the acknowledged dossier.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'esbuild';

const ANCHOR = '          return dossier.code;\n        });';

export const PLANTED_HOLD_MS = 60_000;

export const plantAnswerBeforeCommit: Plugin = {
  name: 'plant-answer-before-commit',
  setup(build) {
    build.onLoad({ filter: /modules[\\/]dossier[\\/]dossier\.routes\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      // If the receipt handler changes shape, fail loudly instead of passing vacuously.
      if (!text.includes(ANCHOR)) throw new Error('the planted bug needs its anchor in dossier.routes.ts (receipt handler)');
      return {
        loader: 'ts',
        contents: text.replace(
          ANCHOR,
          // A string body skips the response serializer: the 201 leaves at once, whatever the schema asks.
          `          void reply.status(201).type('application/json').send(JSON.stringify({ code: dossier.code }));
          await new Promise((r) => setTimeout(r, ${PLANTED_HOLD_MS}));
          return dossier.code;
        });
        if (reply.sent) return reply;`,
        ),
      };
    });
  },
};

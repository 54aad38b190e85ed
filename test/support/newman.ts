// Runs the Postman collection with newman (Postman's command-line runner) against a gateway.
import path from 'node:path';
import { ROOT } from '../../launcher/services';

// newman has no type definitions of its own; this is the part of it used here
export interface NewmanSummary {
  run: {
    stats: { requests: { total: number; failed: number }; assertions: { total: number; failed: number } };
    failures: Array<{ error: { message: string }; source?: { name?: string } }>;
  };
  collection: { variables: { members: Array<{ key: string; value: unknown }> } };
}
// newman ships no types
// eslint-disable-next-line @typescript-eslint/no-require-imports
const newman = require('newman') as {
  run(options: object, done: (error: Error | null, summary: NewmanSummary) => void): void;
};

/** How many requests the collection holds (test/postman.test.ts); newman must run every one. */
export const POSTMAN_REQUESTS = 119;

export function runCollection(baseUrl: string): Promise<NewmanSummary> {
  return new Promise((resolve, reject) => {
    newman.run(
      {
        collection: path.join(ROOT, 'postman/sandbox.postman_collection.json'),
        environment: path.join(ROOT, 'postman/local.postman_environment.json'),
        envVar: [{ key: 'baseUrl', value: baseUrl }],
        reporters: [],
      },
      (error, summary) => (error ? reject(error) : resolve(summary)),
    );
  });
}

/** A variable the collection saved, e.g. the id of the user it created. */
export function savedVariable(summary: NewmanSummary, key: string): string | undefined {
  const value = summary.collection.variables.members.find((m) => m.key === key)?.value;
  return value === undefined ? undefined : String(value);
}

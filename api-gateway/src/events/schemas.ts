// The query of GET /api/events (routes.ts), checked like the diagram's (../conversion/validation.ts).
import { compile, FIELDS, objectSchema } from '../conversion/validation';

// GET /api/events?after=12.40: resume after the events seen; ?follow=false; ?userId=1
export const eventsQuery = compile<{ after?: string; follow?: string; userId?: string }>(
  objectSchema(
    {
      after: { type: 'string', pattern: '^\\d{1,9}\\.\\d{1,9}$', maxLength: 19 },
      follow: { type: 'string', enum: ['true', 'false'] },
      userId: FIELDS.id,
    },
    [],
  ),
  {
    after:
      'the id of the last event seen, two whole numbers such as "12.40" (order-service\'s sequence, then product-service\'s)',
    follow: '"true" (the default: keep the stream open) or "false" (the events so far, then the end)',
  },
);

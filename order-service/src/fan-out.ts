// DIAGRAM steps 3a/3b, both ways: the two lookups at once (as drawn), or one after the other for
// comparison (x-fanout: sequential). Either way both are waited for, even when one fails, so the
// trace shows both and the error reported does not depend on which one failed first.
import type { FanOutMode } from '@sandbox/protos';

export async function lookUpBoth<A, B>(mode: FanOutMode, first: () => Promise<A>, second: () => Promise<B>): Promise<[A, B]> {
  const [a, b] =
    mode === 'parallel'
      ? // both calls are started before either is awaited: the order waits for the slower one
        await Promise.allSettled([first(), second()])
      : // the second call starts only when the first has answered: the order waits for both, summed
        [await settle(first()), await settle(second())];
  if (a.status === 'rejected') throw a.reason;
  if (b.status === 'rejected') throw b.reason;
  return [a.value, b.value];
}

function settle<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  return promise.then(
    (value) => ({ status: 'fulfilled', value }),
    (reason: unknown) => ({ status: 'rejected', reason }),
  );
}

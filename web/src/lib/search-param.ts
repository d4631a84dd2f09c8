import { useSearchParams } from 'react-router';

/**
 * One query-string parameter of the page's address as state (filters a user can bookmark and share):
 * setting undefined removes it; the history entry is replaced, not pushed.
 */
export function useSearchParam(name: string): [string | undefined, (value: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  return [
    params.get(name) ?? undefined,
    (value) =>
      setParams(
        (p) => {
          if (value) p.set(name, value);
          else p.delete(name);
          return p;
        },
        { replace: true },
      ),
  ];
}

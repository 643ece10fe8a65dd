/**
 * The plant board's data (src/db/board/board-data.ts) as a Preact hook: one
 * feed per database and plant, its snapshot in state, and the feed stopped
 * (its digest saved, its queries closed) when the board unmounts.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { createBoardData, type BoardSnapshot } from '../../db/board/board-data.ts';
import type { TierboardDatabase } from '../../db/database.ts';

export function useBoardData(db: TierboardDatabase, plantId: string, now: () => number) {
  const data = useMemo(() => createBoardData(db, plantId, now), [db, plantId, now]);
  const [snap, setSnap] = useState<BoardSnapshot>(() => data.get());
  useEffect(() => {
    setSnap(data.get());
    const off = data.subscribe(() => setSnap(data.get()));
    return () => {
      off();
      data.stop();
    };
  }, [data]);
  return { data, snap };
}

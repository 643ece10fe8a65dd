/**
 * Starts fetching the RxDB chunk. main.tsx imports this first, so the request
 * goes out before Preact and the screens are even evaluated, and the chunk
 * loads while the first screen renders from its snapshot.
 */
export const readingDatabase = import('./reading-database.ts');

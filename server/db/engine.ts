// The two storage engines the collector runs on.
export type Engine = 'sqlite' | 'postgres';

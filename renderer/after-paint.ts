// Work that must not hold back the frame a tap asked for: it runs in a task queued from the next
// animation frame, i.e. right after that frame is painted. A page that paints no frames (hidden,
// or a busy panel skipping frames) still runs it after FALLBACK_MS.

/** Long enough that a painting page always gets its frame first, short enough not to matter. */
const FALLBACK_MS = 100;

/** Runs `work` once, after the next paint; the returned function cancels it. */
export function afterPaint(work: () => void): () => void {
  let done = false;
  let task: ReturnType<typeof setTimeout> | undefined;
  // The frame is not cancelled here: its callback only queues run(), which then does nothing.
  // The fallback can fire after the page (or a test's DOM) is gone, with no animation frames
  // left to cancel.
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(task);
    clearTimeout(fallback);
    work();
  };
  const frame = requestAnimationFrame(() => {
    task = setTimeout(run, 0);
  });
  const fallback = setTimeout(run, FALLBACK_MS);
  return () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(task);
    clearTimeout(fallback);
  };
}

/** Settles after the next paint (see afterPaint). */
export function painted(): Promise<void> {
  return new Promise((resolve) => afterPaint(resolve));
}

/**
 * Calls `onChange` every animation frame while the media plays, and once on each pause, seek, time
 * update and metadata load. Answers the function that stops following.
 */
export function followPlayhead(media: HTMLMediaElement, onChange: () => void): () => void {
  let frame = 0;
  const loop = () => {
    onChange();
    frame = requestAnimationFrame(loop);
  };
  const start = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(loop);
  };
  const stop = () => {
    cancelAnimationFrame(frame);
    onChange();
  };
  const events: [string, () => void][] = [
    ['play', start],
    ['pause', stop],
    ['ended', stop],
    ['seeking', onChange],
    ['seeked', onChange],
    ['timeupdate', onChange],
    ['loadedmetadata', onChange],
  ];
  for (const [type, fn] of events) media.addEventListener(type, fn);
  if (!media.paused) start();
  return () => {
    cancelAnimationFrame(frame);
    for (const [type, fn] of events) media.removeEventListener(type, fn);
  };
}

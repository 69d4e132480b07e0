/** Placeholder: Progress. */
export function ProgressView({ trainee }: { trainee: string | null }) {
  return (
    <div className="view-message">
      <h1 tabIndex={-1}>Progress</h1>
    </div>
  );
}

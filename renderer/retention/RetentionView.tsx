/** Placeholder: Retention. */
export function RetentionView() {
  return (
    <div className="view-message">
      <h1 tabIndex={-1}>Retention</h1>
    </div>
  );
}

/** Placeholder: Storage. */
export function StorageView() {
  return (
    <div className="view-message">
      <h1 tabIndex={-1}>Storage</h1>
    </div>
  );
}

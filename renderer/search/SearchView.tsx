/** Placeholder: Search. */
export function SearchView({ params }: { params: Record<string, string> }) {
  return (
    <div className="view-message">
      <h1 tabIndex={-1}>Search</h1>
    </div>
  );
}

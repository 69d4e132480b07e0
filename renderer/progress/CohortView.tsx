/** Placeholder: Cohort. */
export function CohortView({ cohort }: { cohort: string | null }) {
  return (
    <div className="view-message">
      <h1 tabIndex={-1}>Cohort</h1>
    </div>
  );
}

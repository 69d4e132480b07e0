/** The helping-interview checklist, ticked per session, item by item under its phase. */
import type { Phase } from '../domain/review';

export interface ChecklistItem {
  id: string;
  phase: Phase;
  label: string;
}

export const CHECKLIST: readonly ChecklistItem[] = [
  { id: 'greeting-and-rapport', phase: 'beginning', label: 'Greeted the client and built rapport' },
  { id: 'confidentiality-explained', phase: 'beginning', label: 'Confidentiality and its limits explained' },
  { id: 'purpose-explained', phase: 'beginning', label: 'Purpose and length of the session explained' },
  { id: 'agenda-agreed', phase: 'beginning', label: 'Agenda agreed with the client' },
  { id: 'goals-agreed', phase: 'middle', label: 'Goals agreed' },
  { id: 'open-questions-used', phase: 'middle', label: 'Open questions used to explore' },
  { id: 'reflections-used', phase: 'middle', label: 'Feelings and meaning reflected' },
  { id: 'paraphrasing-used', phase: 'middle', label: 'Paraphrased the client’s content' },
  { id: 'silence-allowed', phase: 'middle', label: 'Silence allowed where useful' },
  { id: 'summary-before-ending', phase: 'termination', label: 'Summary before ending' },
  { id: 'next-steps-agreed', phase: 'termination', label: 'Next steps agreed' },
  { id: 'ended-on-time', phase: 'termination', label: 'Ended on time and well' },
];

export const CHECKLIST_IDS: ReadonlySet<string> = new Set(CHECKLIST.map((i) => i.id));

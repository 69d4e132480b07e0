/**
 * Toasts: short notices (role=status) and errors (role=alert), plus screen-reader-only announcements.
 * Errors stay until dismissed; notices fade after a few seconds.
 */
import { useSyncExternalStore } from 'react';
import { Observable } from '../lib/store';

export interface Toast {
  id: number;
  kind: 'error' | 'notice';
  title?: string;
  message: string;
}

const toastList = new Observable<Toast[]>([]);
const announcement = new Observable<{ id: number; text: string }>({ id: 0, text: '' });
let nextId = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

function add(kind: Toast['kind'], message: string, title?: string, timeoutMs?: number): number {
  const id = nextId++;
  // The same message twice in a row is shown once.
  const existing = toastList.get().find((t) => t.kind === kind && t.message === message && t.title === title);
  if (existing) dismissToast(existing.id);
  toastList.update((list) => [...list.slice(-4), { id, kind, message, title }]);
  const timeout = timeoutMs ?? (kind === 'notice' ? 5000 : 0);
  if (timeout > 0) timers.set(id, setTimeout(() => dismissToast(id), timeout));
  return id;
}

export function showError(message: string, title?: string): number {
  return add('error', message, title);
}

export function showNotice(message: string, title?: string): number {
  return add('notice', message, title);
}

export function dismissToast(id: number): void {
  const timer = timers.get(id);
  if (timer) clearTimeout(timer);
  timers.delete(id);
  toastList.update((list) => list.filter((t) => t.id !== id));
}

/** Says something to screen-reader users without showing it (the visible UI already shows it). */
export function announce(text: string): void {
  announcement.set({ id: nextId++, text });
}

export function useToasts(): Toast[] {
  return useSyncExternalStore(toastList.subscribe, toastList.get);
}

export function useAnnouncement(): { id: number; text: string } {
  return useSyncExternalStore(announcement.subscribe, announcement.get);
}

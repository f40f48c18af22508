/**
 * Classroom mode on screen: which panels, controls and views are hidden for a lesson, whether the
 * lesson's Hide / Show switches are out, and which view is presented full-window. Components find it
 * through Svelte's context (main.ts puts the Lab's there); without one nothing is hidden.
 */
import { getContext } from 'svelte';
import { HIDEABLE_IDS, type Classroom } from '../../../shared/classroom';

export class ClassroomState {
  /** Ids of the hidden panels, controls and views (src/shared/classroom.ts). */
  hidden = $state.raw<readonly string[]>([]);
  /** Lesson mode: every panel, control and view shows its Hide / Show switch, hidden ones included. */
  editing = $state(false);
  /** The view shown full-window (its frame's id), or null. */
  presenting = $state<string | null>(null);

  isHidden(id: string): boolean {
    return this.hidden.includes(id);
  }

  /** Whether a panel, control or view is drawn: hidden ones only while the switches are out. */
  drawn(id: string): boolean {
    return this.editing || !this.hidden.includes(id);
  }

  toggle(id: string): void {
    if (!HIDEABLE_IDS.includes(id)) throw new Error(`"${id}" cannot be hidden: not a panel, control or view`);
    this.hidden = this.isHidden(id) ? this.hidden.filter((h) => h !== id) : [...this.hidden, id];
  }

  showAll(): void {
    this.hidden = [];
  }

  /** What a setup or a session records. */
  record(preset: string | null): Classroom {
    return { preset, hidden: [...this.hidden] };
  }

  /** Take a setup's or a session's hidden list (none for files without one). */
  restore(classroom: Classroom | undefined): void {
    this.hidden = [...(classroom?.hidden ?? [])];
    this.presenting = null;
  }
}

/** The context key of the lab's ClassroomState. */
export const CLASSROOM_CONTEXT = Symbol('classroom');

const NOTHING_HIDDEN = new ClassroomState();

/** The classroom of the component's context, or one that hides nothing. */
export function useClassroom(): ClassroomState {
  return getContext<ClassroomState | undefined>(CLASSROOM_CONTEXT) ?? NOTHING_HIDDEN;
}

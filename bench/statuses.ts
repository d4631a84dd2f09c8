import { STATUSES, type Status, TERMINAL } from '../src/domain/dossier/workflow.ts';

/** Dossiers whose appointment can still be missed: received and not yet at the one-stop with a result. */
export const OPEN_BEFORE_RESULT_STATUSES: Status[] = STATUSES.filter((s) => !TERMINAL.has(s) && s !== 'submitted' && s !== 'result_ready');

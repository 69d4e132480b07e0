/** IPC channel names shared by the preload and the main process. Keep this file free of imports: the preload bundles it. */
export const CALL_CHANNEL = 'attune:call';
export const EVENT_CHANNEL = 'attune:event';

/** Whisper and Silero VAD model files. */
import type { HandlerGroup } from '../handlers';

export const modelHandlers: HandlerGroup<'models.list' | 'models.add' | 'models.setDefault' | 'models.delete' | 'models.download' | 'models.setThreads'> = {
  'models.list': (_input, { services }) => ({
    models: services.models.list(),
    catalogue: services.models.catalogue(),
    modelsDir: services.models.dir,
    threads: services.models.threads(),
  }),
  'models.add': ({ path }, { services }) => {
    const info = services.models.add(path);
    services.events.emit('models.changed', {});
    return info;
  },
  'models.setDefault': ({ modelId }, { services }) => {
    const info = services.models.setDefault(modelId);
    services.events.emit('models.changed', {});
    return info;
  },
  'models.delete': ({ modelId }, { services }) => {
    services.models.delete(modelId);
    services.events.emit('models.changed', {});
    return { deleted: true } as const;
  },
  'models.download': ({ name }, { services }) => {
    void services.modelDownloads.start(name);
    return { started: true } as const;
  },
  'models.setThreads': ({ threads }, { services }) => {
    services.models.setThreads(threads);
    services.events.emit('models.changed', {});
    return { threads };
  },
};

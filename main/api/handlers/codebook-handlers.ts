/** Codebooks and their codes. Every write answers the new state and emits `codebooks.changed`. */
import type { Services } from '../../services/services';
import type { HandlerGroup } from '../handlers';

function changed<T>(services: Services, codebookId: string | null, result: T): T {
  services.events.emit('codebooks.changed', { codebookId });
  return result;
}

export const codebookHandlers: HandlerGroup<
  | 'codebooks.list'
  | 'codebooks.get'
  | 'codebooks.create'
  | 'codebooks.rename'
  | 'codebooks.delete'
  | 'codebooks.saveCode'
  | 'codebooks.deleteCode'
  | 'codebooks.reorder'
  | 'codebooks.import'
  | 'codebooks.export'
> = {
  'codebooks.list': (_input, { services }) => services.codebooks.list(),
  'codebooks.get': ({ codebookId }, { services }) => services.codebooks.get(codebookId),
  'codebooks.create': ({ name, copyFrom }, { services }) => {
    const codebook = services.codebooks.create(name, copyFrom);
    return changed(services, codebook.id, codebook);
  },
  'codebooks.rename': ({ codebookId, name }, { services }) => changed(services, codebookId, services.codebooks.rename(codebookId, name)),
  'codebooks.delete': ({ codebookId }, { services }) => {
    services.codebooks.delete(codebookId);
    return changed(services, codebookId, { deleted: true } as const);
  },
  'codebooks.saveCode': ({ codebookId, code }, { services }) => changed(services, codebookId, services.codebooks.saveCode(codebookId, code)),
  'codebooks.deleteCode': ({ codebookId, codeId }, { services }) => changed(services, codebookId, services.codebooks.deleteCode(codebookId, codeId)),
  'codebooks.reorder': ({ codebookId, codeIds }, { services }) => changed(services, codebookId, services.codebooks.reorder(codebookId, codeIds)),
  'codebooks.import': ({ fileName, content }, { services }) => {
    const codebook = services.codebooks.import(fileName, content);
    return changed(services, codebook.id, codebook);
  },
  'codebooks.export': ({ codebookId }, { services }) => services.codebooks.export(codebookId),
};

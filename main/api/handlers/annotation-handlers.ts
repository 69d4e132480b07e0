/**
 * Annotations. Every write answers the new state and emits `annotations.changed` carrying what was
 * written or removed; deleting an annotation cited as evidence also emits `review.changed`.
 */
import type { Annotation } from '../../../shared/domain/annotation';
import type { Services } from '../../services/services';
import type { HandlerGroup } from '../handlers';

function changed(services: Services, sessionId: string, upserted: Annotation[], deletedIds: string[] = []): void {
  services.events.emit('annotations.changed', { sessionId, upserted, deletedIds });
}

/** The first annotation puts a new or transcribed session in review (the library shows it). */
function reviewBegun(services: Services, sessionId: string): void {
  if (services.reviews.markInReview(sessionId)) services.events.emit('library.changed', { sessionId });
}

export const annotationHandlers: HandlerGroup<
  'annotations.list' | 'annotations.create' | 'annotations.restore' | 'annotations.update' | 'annotations.delete' | 'annotations.import' | 'annotations.export'
> = {
  'annotations.list': ({ sessionId }, { services }) => services.annotations.list(sessionId),
  'annotations.create': (input, { services }) => {
    const annotation = services.annotations.create(input);
    changed(services, annotation.sessionId, [annotation]);
    reviewBegun(services, annotation.sessionId);
    return annotation;
  },
  'annotations.restore': (input, { services }) => {
    const annotation = services.annotations.restore(input);
    changed(services, annotation.sessionId, [annotation]);
    return annotation;
  },
  'annotations.update': ({ annotationId, patch }, { services }) => {
    const annotation = services.annotations.update(annotationId, patch);
    changed(services, annotation.sessionId, [annotation]);
    return annotation;
  },
  'annotations.delete': ({ annotationId }, { services }) => {
    const cited = services.reviews.citesAnnotation(annotationId);
    const annotation = services.annotations.delete(annotationId);
    changed(services, annotation.sessionId, [], [annotation.id]);
    if (cited) services.events.emit('review.changed', { review: services.reviews.get(annotation.sessionId) });
    return annotation;
  },
  'annotations.import': ({ sessionId, fileName, content }, { services }) => {
    const imported = services.annotations.import(sessionId, fileName, content);
    changed(services, sessionId, imported);
    reviewBegun(services, sessionId);
    return { imported };
  },
  'annotations.export': ({ sessionId, format }, { services }) => {
    const { fileName, content } = services.annotations.export(sessionId, format);
    return { fileName, content };
  },
};

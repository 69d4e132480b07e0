/** The recording's technical facts, compact and copyable. */
import type { Session } from '../../shared/domain/session';
import { channelsLabel, codecLabel, containerLabel, formatBytes, formatClockPrecise, formatTimestamp, sampleRateLabel } from '../../shared/util/format';

export function TechnicalDetails({ session }: { session: Session }) {
  const m = session.media;
  const facts: [string, string, string?][] = [
    ['File', m.originalName],
    ['Duration', formatClockPrecise(m.duration)],
    ['Container', containerLabel(m.container), m.container],
    ['Audio', `${codecLabel(m.audioCodec)} · ${channelsLabel(m.channels)} · ${sampleRateLabel(m.sampleRate)}`],
  ];
  if (m.hasVideo) {
    facts.push(['Video', `${codecLabel(m.videoCodec)}${m.width && m.height ? ` · ${m.width}×${m.height}` : ''}`]);
  }
  facts.push(['Size', formatBytes(m.sizeBytes)], ['Imported', formatTimestamp(session.createdAt)], ['SHA-256', `${m.sha256.slice(0, 16)}…`, m.sha256]);

  return (
    <section className="panel tech" aria-labelledby="tech-heading">
      <header className="panel-header">
        <h2 id="tech-heading">Recording</h2>
      </header>
      <dl className="facts" data-testid="technical-details">
        {facts.map(([label, value, full]) => (
          <div key={label} className="fact">
            <dt>{label}</dt>
            <dd title={full ?? value}>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

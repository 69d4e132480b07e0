/**
 * A session's transcript as a minimal Word document (Office Open XML, .docx): the title, the session
 * details, then one paragraph per segment, `[m:ss] Speaker: text` (`[h:mm:ss]` for recordings of an
 * hour or more). Formatting is direct (bold runs, sizes), so no styles part is needed.
 */
import { strToU8, zipSync } from 'fflate';
import type { SessionBundle } from '../domain/export';
import { formatClock } from '../util/format';
import { xmlText } from './xml-text';

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`;

const PACKAGE_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;

/** `m:ss` under an hour, `h:mm:ss` when the recording is an hour or longer. */
export function segmentClock(seconds: number, longRecording: boolean): string {
  const clock = formatClock(seconds);
  if (longRecording) return clock;
  const [h = '0', m = '00', s = '00'] = clock.split(':');
  return `${Number(h) * 60 + Number(m)}:${s}`;
}

interface Run {
  text: string;
  bold?: boolean;
  /** Half-points (24 = 12 pt). */
  size?: number;
}

function run(r: Run): string {
  const props = [r.bold ? '<w:b/>' : '', r.size ? `<w:sz w:val="${r.size}"/><w:szCs w:val="${r.size}"/>` : ''].join('');
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${xmlText(r.text)}</w:t></w:r>`;
}

function paragraph(runs: readonly Run[], spacingAfter = 120): string {
  return `<w:p><w:pPr><w:spacing w:after="${spacingAfter}"/></w:pPr>${runs.filter((r) => r.text !== '').map(run).join('')}</w:p>`;
}

function documentXml(bundle: SessionBundle): string {
  const { session, transcript } = bundle;
  const long = session.media.duration >= 3600;
  const details: [string, string][] = [
    ['Trainee', session.trainee],
    ['Supervisor', session.supervisor],
    ['Recorded', session.recordedAt ?? ''],
    ['Length', formatClock(session.media.duration)],
    ['Recording', session.media.originalName],
    ['Exported', `${bundle.generatedAt.slice(0, 10)}${bundle.generatedBy ? ` by ${bundle.generatedBy}` : ''}`],
  ];
  const body: string[] = [
    paragraph([{ text: session.title, bold: true, size: 36 }], 240),
    ...details.filter(([, value]) => value.trim() !== '').map(([label, value]) => paragraph([{ text: `${label}: `, bold: true }, { text: value }], 0)),
    paragraph([{ text: 'Transcript', bold: true, size: 28 }], 120),
  ];
  if (transcript.segments.length === 0) body.push(paragraph([{ text: 'This session has no transcript yet.' }]));
  for (const s of transcript.segments) {
    const speaker = s.speaker ? `${transcript.speakerNames[s.speaker]}: ` : '';
    body.push(paragraph([{ text: `[${segmentClock(s.start, long)}] ${speaker}`, bold: true }, { text: s.text }]));
  }
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${W_NS}"><w:body>${body.join('')}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>`;
}

function coreXml(bundle: SessionBundle): string {
  const when = bundle.generatedAt.replace(/\.\d+Z$/, 'Z');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${xmlText(`${bundle.session.title} — transcript`)}</dc:title><dc:creator>${xmlText(bundle.generatedBy)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${xmlText(when)}</dcterms:created></cp:coreProperties>`;
}

/** The .docx file's bytes. */
export function transcriptToDocx(bundle: SessionBundle): Uint8Array {
  const mtime = new Date(bundle.generatedAt);
  return zipSync(
    {
      // Flat names: no folder entries (Word's own files have none).
      '[Content_Types].xml': strToU8(CONTENT_TYPES),
      '_rels/.rels': strToU8(PACKAGE_RELS),
      'docProps/core.xml': strToU8(coreXml(bundle)),
      'word/document.xml': strToU8(documentXml(bundle)),
    },
    { level: 6, mtime: Number.isNaN(mtime.getTime()) ? undefined : mtime },
  );
}

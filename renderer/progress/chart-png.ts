/** A chart's SVG (the same string the screen and the PDF use) drawn on a canvas and downloaded as PNG. */
import type { ChartModel } from '../../shared/progress/chart-model';
import { chartSvg } from '../../shared/progress/chart-svg';
import { downloadBlob } from '../lib/download';

/** Pixels per SVG unit: sharp on high-density screens and in slides. */
const SCALE = 2;

export async function chartPngBlob(model: ChartModel): Promise<Blob> {
  const svg = chartSvg(model, { withTitle: true });
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(image.naturalWidth * SCALE);
    canvas.height = Math.round(image.naturalHeight * SCALE);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw the picture.');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The picture could not be made.'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** `dana-reyes-reflections-to-questions.png` */
export function pngFileName(...parts: string[]): string {
  const slug = parts
    .join(' ')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'chart'}.png`;
}

export async function downloadChartPng(model: ChartModel, fileName: string): Promise<void> {
  downloadBlob(fileName, await chartPngBlob(model));
}

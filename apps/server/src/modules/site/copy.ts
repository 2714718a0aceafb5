import { copyEn } from './copy-en.js';
import { copyPt } from './copy-pt.js';
import type { Copy, Lang } from './copy-shape.js';

export const COPY: Record<Lang, Copy> = { 'pt-BR': copyPt, en: copyEn };

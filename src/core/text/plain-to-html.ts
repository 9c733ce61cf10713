// Plain text as people type it (profile notes, field values) → HTML with links.
import { renderText } from './render.ts';

export function plainTextToHtml(text: string): string {
  return renderText(text);
}

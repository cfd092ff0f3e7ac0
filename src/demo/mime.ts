// Raw RFC 822 mail → the words a reader sees. postal-mime (a maintained MIME parser, a
// devDependency like the corpus) decodes multipart bodies, quoted-printable and base64 text parts
// and charsets; HTML-only messages are turned into text here. Without decoding, MIME part headers,
// base64 runs and HTML tags became "words" (base64, href, gb2312, ...) and dominated the model.

import { CorpusMissingError } from './corpus.js';

/** Subject and body text of one message. */
export interface Decoded { subject: string; text: string }

type Parse = (raw: string) => Promise<{ subject?: string; text?: string; html?: string }>;

let parser: Parse | undefined;

/** Loads postal-mime once (dynamically: the library itself never needs it). */
async function loadParser(): Promise<Parse> {
  if (!parser) {
    let mod: { default: { parse: Parse } };
    try {
      mod = (await import('postal-mime')) as unknown as { default: { parse: Parse } };
    } catch (cause) {
      throw new CorpusMissingError('the demo needs the MIME parser postal-mime (a devDependency of shrinkage): run it from a clone after "npm install"', { cause });
    }
    parser = (raw) => mod.default.parse(raw);
  }
  return parser;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', copy: '©', reg: '®', euro: '€', pound: '£' };

/** Decodes the character references of HTML text (named ones outside the table become a space). */
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
    }
    return ENTITIES[e.toLowerCase()] ?? (m.endsWith(';') ? ' ' : m);
  });
}

/**
 * The text of an HTML body: comments, <script>, <style> and <head> removed with their content,
 * block elements become line breaks, other tags become spaces, character references are decoded.
 * Attribute values (link targets, image names) are dropped with their tags: they are markup.
 */
export function htmlToText(html: string): string {
  const stripped = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|head|title)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<\/?(p|div|br|tr|li|h[1-6]|table|blockquote)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, ' ');
  return decodeEntities(stripped);
}

/** Decodes one raw message; the plain-text part wins, an HTML-only body is converted to text. */
export async function decodeMessage(raw: string): Promise<Decoded> {
  const parse = await loadParser();
  const m = await parse(raw);
  const text = m.text?.trim() ? m.text : m.html ? htmlToText(m.html) : '';
  // Some plain-text parts are HTML sent with the wrong type: strip tags there too.
  return { subject: (m.subject ?? '').replace(/\s+/g, ' ').trim(), text: /<\/?(html|body|table|font|a|p|br)\b/i.test(text) ? htmlToText(text) : text };
}

/** Decodes many messages in order, calling `onProgress(done)` every `every` messages. */
export async function decodeAll(raws: string[], onProgress?: (done: number) => void, every = 1000): Promise<Decoded[]> {
  const out: Decoded[] = [];
  for (const raw of raws) {
    out.push(await decodeMessage(raw));
    if (onProgress && out.length % every === 0) onProgress(out.length);
  }
  return out;
}
